package dev.byok.cli;

import dev.byok.model.Identifiers;
import dev.byok.model.Json;
import dev.byok.model.ReviewRequested;
import dev.byok.model.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "send", mixinStandardHelpOptions = true,
        description = {"Request a review for ORG on byok.reviews.requested and print its reviewId.",
            "The file is a JSON object with \"messages\" (and optionally \"reviewId\" and \"metadata\"),",
            "or plain text (a diff) sent as the user message after a default system prompt."})
final class ReviewSend implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaSettings kafka;

    @Parameters(paramLabel = "ORG", description = "the org whose model and key serve the review")
    String org;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "the review: JSON or a diff")
    Path file;

    @Option(names = "--id", paramLabel = "REVIEW_ID", description = "the reviewId (default: the file's, else a new one)")
    String reviewId;

    @Option(names = "--metadata", paramLabel = "KEY=VALUE", description = "echoed into the outcome (repeatable)")
    Map<String, String> metadata = new LinkedHashMap<>();

    @Override
    public Integer call() throws IOException {
        if (!Identifiers.isValidOrgId(org)) {
            throw new ParameterException(spec.commandLine(), "'" + org + "' is not an org id (1 to 64 letters, digits and"
                    + " '-', not starting with '-')");
        }
        ReviewFile review = ReviewFile.parse(read(file));
        String id = reviewId != null ? reviewId : review.reviewId() != null ? review.reviewId() : newId();
        if (!Identifiers.isValidReviewId(id)) {
            throw new ParameterException(spec.commandLine(), "'" + id + "' is not a review id (1 to 128 letters, digits"
                    + " and . _ : -)");
        }
        Map<String, Object> allMetadata = new LinkedHashMap<>();
        if (review.metadata() != null) {
            allMetadata.putAll(review.metadata());
        }
        allMetadata.putAll(metadata);
        ReviewRequested request = new ReviewRequested(ReviewRequested.SCHEMA_VERSION, id, org, review.messages(),
                allMetadata.isEmpty() ? null : allMetadata, Instant.now());
        RecordMetadata sent = send(request);
        spec.commandLine().getOut().println(id);
        spec.commandLine().getErr().println("sent review " + id + " for org " + org + " to " + sent.topic() + " (partition "
                + sent.partition() + ", offset " + sent.offset() + "); follow it with: byok review watch " + id);
        return 0;
    }

    private RecordMetadata send(ReviewRequested request) {
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            return producer.send(new ProducerRecord<>(Topics.REVIEWS_REQUESTED, org.getBytes(StandardCharsets.UTF_8),
                    Json.lenient().writeValueAsBytes(request))).get(KafkaSettings.WAIT.toSeconds() * 2, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException | org.apache.kafka.common.KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException
                    || cause instanceof java.util.concurrent.TimeoutException) {
                throw new UserError(kafka.unreachable());
            }
            throw new UserError("Kafka did not take the review: " + ByokCli.describe(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted");
        }
    }

    private static String read(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError("no such file: " + file);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new UserError(file + " is not UTF-8 text");
        }
    }

    private static String newId() {
        byte[] random = new byte[4];
        new java.security.SecureRandom().nextBytes(random);
        return "cli-" + Instant.now().getEpochSecond() + "-" + HexFormat.of().formatHex(random);
    }
}
