package dev.byok.cli;

import dev.byok.model.Topics;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Send dead letters back to the topic they came from, with their own key, value and headers,",
            "after the cause is fixed. Each is marked with the header byok.dlt.replayed-from=PARTITION:OFFSET.",
            "A record that is still wrong is dead-lettered again, with its reason."})
final class DltReplay implements Callable<Integer> {

    static final String REPLAYED_FROM = "byok.dlt.replayed-from";

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaSettings kafka;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection selection;

    static final class Selection {
        @Parameters(paramLabel = "PARTITION:OFFSET", description = "the dead letters to replay, as byok dlt list shows them")
        List<String> positions;

        @Option(names = "--all", required = true, description = "every dead letter on the topic")
        boolean all;
    }

    @Override
    public Integer call() {
        Set<String> wanted = new LinkedHashSet<>();
        if (!selection.all) {
            for (String position : selection.positions) {
                if (!position.matches("\\d{1,9}:\\d{1,18}")) {
                    throw new ParameterException(spec.commandLine(), "'" + position + "' is not PARTITION:OFFSET (e.g. 0:42)");
                }
                wanted.add(position);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        List<DeadLetter> chosen = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = kafka.consumer()) {
            for (DeadLetter letter : new DeadLetterReader(kafka, consumer).all(null)) {
                if (selection.all || wanted.remove(letter.position())) {
                    chosen.add(letter);
                }
            }
        }
        if (!wanted.isEmpty()) {
            throw new UserError("no dead letter at " + String.join(", ", wanted) + " on " + Topics.REVIEWS_DEAD_LETTER
                    + " (byok dlt list shows them)");
        }
        for (DeadLetter letter : chosen) {
            String topic = letter.originalTopic();
            if (topic == null || !(topic.equals(Topics.REVIEWS_REQUESTED) || topic.startsWith("byok.tenant."))) {
                throw new UserError("dead letter " + letter.position() + " names no topic to go back to (" + topic + ")");
            }
        }
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            for (DeadLetter letter : chosen) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(letter.originalTopic(), null,
                        letter.record().key(), letter.record().value(), letter.originalHeaders());
                record.headers().add(REPLAYED_FROM, letter.position().getBytes(StandardCharsets.UTF_8));
                producer.send(record).get(KafkaSettings.WAIT.toSeconds() * 2, TimeUnit.SECONDS);
                out.println("replayed " + letter.position() + " to " + letter.originalTopic());
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new UserError("Kafka did not take a replayed record: " + ByokCli.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted");
        }
        out.println(chosen.size() + " dead letter(s) replayed");
        return 0;
    }
}
