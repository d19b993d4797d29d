package dev.byok.cli;

import dev.byok.model.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Print the dead letters with their reasons, oldest first, and where each came from.")
final class DltList implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaSettings kafka;

    @Option(names = "--since", paramLabel = "DURATION", description = "only those from this far back (ISO-8601, e.g. PT1H)")
    Duration since;

    @Option(names = "--limit", defaultValue = "100", description = "print at most this many, the newest (default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
        if (limit < 1 || (since != null && since.isNegative())) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1 and --since positive");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (KafkaConsumer<byte[], byte[]> consumer = kafka.consumer()) {
            List<DeadLetter> letters = new DeadLetterReader(kafka, consumer).all(since);
            List<DeadLetter> shown = letters.subList(Math.max(0, letters.size() - limit), letters.size());
            shown.forEach(letter -> out.println(letter.line()));
            out.println(letters.size() + " dead letter(s) on " + Topics.REVIEWS_DEAD_LETTER
                    + (shown.size() < letters.size() ? ", the newest " + shown.size() + " shown" : "")
                    + (letters.isEmpty() ? "" : "; replay one after a fix with: byok dlt replay PARTITION:OFFSET"));
        }
        return 0;
    }
}
