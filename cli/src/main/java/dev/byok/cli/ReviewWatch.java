package dev.byok.cli;

import dev.byok.model.Json;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.Topics;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Print outcomes from byok.reviews.results as they arrive (read_committed: each review once).",
            "With a reviewId: stop at its outcome. With an org: follow the org's outcomes. Without: follow all.",
            "With --timeout, exits 1 if nothing it was watching for arrived in that time."})
final class ReviewWatch implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaSettings kafka;

    @Parameters(arity = "0..1", paramLabel = "ORG|REVIEW_ID", description = "an org id or a review id")
    String target;

    @Option(names = "--since", defaultValue = "PT1H", paramLabel = "DURATION",
            description = "also print outcomes from this far back, ISO-8601 (default ${DEFAULT-VALUE}; PT0S: only new ones)")
    Duration since;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "stop after this long (ISO-8601, e.g. PT2M); waiting for a reviewId that long is an error")
    Duration timeout;

    @Option(names = "--json", description = "print each outcome's JSON as it is on the topic")
    boolean json;

    @Override
    public Integer call() {
        if (target != null && !target.matches("[A-Za-z0-9._:-]{1,128}")) {
            throw new ParameterException(spec.commandLine(), "'" + target + "' is neither an org id nor a review id");
        }
        if (since.isNegative() || (timeout != null && (timeout.isNegative() || timeout.isZero()))) {
            throw new ParameterException(spec.commandLine(), "--since and --timeout must be positive");
        }
        PrintWriter out = spec.commandLine().getOut();
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        int printed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = kafka.consumer()) {
            List<TopicPartition> partitions = kafka.partitions(consumer, Topics.REVIEWS_RESULTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            seek(consumer, partitions, Instant.now().minus(since));
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    ReviewOutcome outcome = read(record);
                    if (outcome == null || !matches(outcome)) {
                        continue;
                    }
                    out.println(json ? new String(record.value(), StandardCharsets.UTF_8) : Outcomes.line(outcome));
                    out.flush();
                    printed++;
                    if (target != null && target.equals(outcome.reviewId())) {
                        return 0;
                    }
                }
            }
        }
        if (printed == 0) {
            throw new UserError("no outcome" + (target == null ? "" : " for " + target) + " within " + timeout.toSeconds() + " s");
        }
        return 0;
    }

    private boolean matches(ReviewOutcome outcome) {
        return target == null || target.equals(outcome.orgId()) || target.equals(outcome.reviewId());
    }

    private static ReviewOutcome read(ConsumerRecord<byte[], byte[]> record) {
        try {
            return Json.lenient().readValue(record.value(), ReviewOutcome.class);
        } catch (RuntimeException notAnOutcome) {
            return null;
        }
    }

    private static void seek(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Instant from) {
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(p -> times.put(p, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times, KafkaSettings.WAIT);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, KafkaSettings.WAIT);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            consumer.seek(partition, offset == null ? ends.get(partition) : offset.offset());
        }
    }
}
