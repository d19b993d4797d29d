package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The leak scans' one-pass search must find exactly what a search for each needle on its own finds. */
class NeedleSearchTest {

    @Test
    void findsNeedlesThatOverlapOrEndInsideEachOther() {
        NeedleSearch search = new NeedleSearch(List.of("he", "she", "his", "hers", "sk-abc"));

        assertThat(search.find(bytes("ushers"))).isEqualTo(bits(0, 1, 3));
        assertThat(search.find(bytes("a key sk-ab and sk-abc"))).isEqualTo(bits(4));
        assertThat(search.find(bytes("nothing to see"))).isEqualTo(new BitSet());
    }

    @Test
    void findsANeedleSplitAcrossTwoPiecesOfAStream() {
        NeedleSearch search = new NeedleSearch(List.of("sk-proj-secret"));
        NeedleSearch.Run run = search.start();
        byte[] text = bytes("log line ... sk-proj-secret ... more");

        run.feed(text, 0, 18);
        assertThat(run.found()).isEqualTo(new BitSet());
        run.feed(text, 18, text.length);
        assertThat(run.found()).isEqualTo(bits(0));
    }

    @Test
    void agreesWithSearchingEachNeedleOnItsOwnOnRandomText() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<String> needles = new ArrayList<>();
            for (int n = 0; n < 1 + random.nextInt(8); n++) {
                needles.add(randomText(random, 1 + random.nextInt(4)));
            }
            String haystack = randomText(random, random.nextInt(300));
            BitSet expected = new BitSet();
            for (int n = 0; n < needles.size(); n++) {
                if (haystack.contains(needles.get(n))) {
                    expected.set(n);
                }
            }

            assertThat(new NeedleSearch(needles).find(bytes(haystack))).as(needles + " in " + haystack)
                    .isEqualTo(expected);
        }
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(3)));
        }
        return text.toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static BitSet bits(int... indexes) {
        BitSet bits = new BitSet();
        for (int i : indexes) {
            bits.set(i);
        }
        return bits;
    }
}
