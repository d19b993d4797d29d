package dev.byok.provider.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;

/**
 * The scrubber's cost grows linearly with the text, whatever the text: random text and the shapes
 * that made the earlier key-shape expression cubic (a long run of letters with no digit, runs of
 * key prefixes, a key's own prefix repeated for the exact-key search), up to 1 MiB. The bound is
 * generous (about a hundred times what {@code bench/run-jmh ScrubBenchmark} measures on a 2-core
 * machine, plus a fixed allowance for a cold JIT): it tells linear from super-linear, not a fast
 * machine from a slow one. A failure prints the seed; {@code -DQT_SEED=<seed>} replays it.
 */
class ScrubbingCostTest {

    private static final int MAX_LENGTH = 1 << 20;
    private static final long FIXED_ALLOWANCE_NANOS = 250_000_000L;
    private static final long NANOS_PER_CHAR = 2_000;
    private static final String KEY = "sk-proj-aaaaaaaaaaaaaaaaaaaaaaab";

    @BeforeAll
    static void warmUp() {
        for (int i = 0; i < 20; i++) {
            Secrets.scrub(Adversary.text(i % Adversary.FAMILIES, 64 * 1024, i), KEY);
        }
    }

    @Test
    void randomAndAdversarialTextOfUpToOneMebibyteIsScrubbedInLinearTime() {
        qt().withExamples(60).withShrinkCycles(5).forAll(texts()).checkAssert(text -> {
            long started = System.nanoTime();
            String scrubbed = Secrets.scrub(text, KEY);
            long took = System.nanoTime() - started;

            assertThat(took).as("scrubbing %d characters took %d ms", text.length(), took / 1_000_000)
                    .isLessThanOrEqualTo(FIXED_ALLOWANCE_NANOS + NANOS_PER_CHAR * text.length());
            assertThat(scrubbed).doesNotContain(KEY);
        });
    }

    /** The shapes from the report: a few thousand letters froze a probe and a review before. */
    @ParameterizedTest
    @ValueSource(ints = {5_000, 50_000, MAX_LENGTH})
    void aLongRunOfLettersWithoutADigitIsCheap(int length) {
        String text = "error: " + "a".repeat(length);
        long started = System.nanoTime();

        String scrubbed = Secrets.scrub(text, KEY);

        assertThat(System.nanoTime() - started).isLessThanOrEqualTo(FIXED_ALLOWANCE_NANOS + NANOS_PER_CHAR * length);
        assertThat(scrubbed).isEqualTo(text);
    }

    @Test
    void whatLooksLikeAKeyIsStillRedactedInsideLongText() {
        String token = "AbCdEf0123456789AbCdEf0123456789";
        String text = "x ".repeat(100_000) + "token " + token + " and key " + KEY + " " + "y".repeat(100_000);

        String scrubbed = Secrets.scrub(text, KEY);

        assertThat(scrubbed).doesNotContain(token, KEY).contains("token <redacted> and key <redacted>");
    }

    private static Gen<String> texts() {
        return integers().between(0, Adversary.FAMILIES - 1)
                .zip(integers().between(1, MAX_LENGTH), longs().all(),
                        (family, length, seed) -> Adversary.text(family, length, seed))
                .describedAs(text -> text.length() + " characters starting "
                        + text.substring(0, Math.min(40, text.length())));
    }

    /** Texts built to be expensive for naive matchers, each from a family, a length and a seed. */
    static final class Adversary {

        static final int FAMILIES = 7;

        static String text(int family, int length, long seed) {
            Random random = new Random(seed);
            StringBuilder out = new StringBuilder(length + 64);
            while (out.length() < length) {
                switch (family) {
                    case 0 -> out.append((char) (32 + random.nextInt(95)));
                    case 1 -> out.append((char) ('a' + random.nextInt(26)));
                    case 2 -> out.append(random.nextBoolean() ? "sk-" : "bearer ");
                    case 3 -> out.append("sk-proj-aaaaaaaaaaaaaaaaaaaaaaa");
                    case 4 -> out.append(random.nextBoolean() ? "Bearer" : " ".repeat(1 + random.nextInt(64)));
                    case 5 -> out.append(random.nextBoolean() ? "a1" : "._-");
                    default -> out.append("AIza").append("-".repeat(random.nextInt(16)));
                }
            }
            out.setLength(length);
            return out.toString();
        }

        private Adversary() {
        }
    }
}
