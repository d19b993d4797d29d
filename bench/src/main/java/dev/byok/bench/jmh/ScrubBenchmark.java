package dev.byok.bench.jmh;

import dev.byok.provider.internal.Secrets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scrubbing keys out of provider text, per character, for text that is ordinary and text shaped to
 * be expensive (a run of letters without a digit made the earlier expression cubic: 2,000 letters
 * took 16 s). Linear means the time per character stays flat from 1 KiB to 1 MiB; the bound that
 * {@code ScrubbingCostTest} asserts (2 µs per character) is far above what this measures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class ScrubBenchmark {

    /** A key's shape, not a key: built here so that no literal in the source looks like a secret to a scanner. */
    private static final String KEY_PREFIX = "sk-" + "proj-";
    private static final String KEY = KEY_PREFIX + "a".repeat(23) + "b";

    @Param({"1024", "65536", "1048576"})
    public int length;

    /** {@code prose}: error text with a key in it; {@code letters}: one long run without a digit; {@code prefixes}: the key's own prefix over and over. */
    @Param({"prose", "letters", "prefixes"})
    public String shape;

    private String text;

    @Setup
    public void setUp() {
        StringBuilder out = new StringBuilder(length + 64);
        Random random = new Random(7);
        while (out.length() < length) {
            switch (shape) {
                case "prose" -> out.append("Incorrect API key provided: ").append(KEY).append(". Rate limit ")
                        .append(random.nextInt(1000)).append(" requests per minute reached for model gpt-5.4. ");
                case "letters" -> out.append('a');
                default -> out.append(KEY_PREFIX).append("a".repeat(23));
            }
        }
        out.setLength(length);
        text = out.toString();
    }

    /** Nanoseconds per call; divide by the length for the cost per character. */
    @Benchmark
    public String scrub() {
        return Secrets.scrub(text, KEY);
    }
}
