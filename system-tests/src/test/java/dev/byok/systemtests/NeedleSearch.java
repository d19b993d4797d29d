package dev.byok.systemtests;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Queue;

/**
 * Finds any of many needles in bytes in one pass (Aho–Corasick over bytes). The leak scans look for
 * every key used by a whole suite, in two forms each, in every byte a run left on the broker and in
 * its logs: searching for one needle after another made that scan cost (needles × bytes) and outlast
 * its timeout on a slow machine. Fed in pieces, it finds needles that span two pieces too.
 */
final class NeedleSearch {

    private final List<String> needles;
    private final int[][] next;
    /** The needles that end at each state, its own and those of its suffixes. */
    private final int[][] ends;

    NeedleSearch(List<String> needles) {
        this.needles = List.copyOf(needles);
        List<int[]> gotos = new ArrayList<>();
        List<int[]> outputs = new ArrayList<>();
        gotos.add(newRow());
        outputs.add(new int[0]);
        for (int n = 0; n < this.needles.size(); n++) {
            byte[] bytes = this.needles.get(n).getBytes(StandardCharsets.UTF_8);
            if (bytes.length == 0) {
                throw new IllegalArgumentException("an empty needle matches everywhere");
            }
            int state = 0;
            for (byte b : bytes) {
                int c = b & 0xff;
                if (gotos.get(state)[c] < 0) {
                    gotos.get(state)[c] = gotos.size();
                    gotos.add(newRow());
                    outputs.add(new int[0]);
                }
                state = gotos.get(state)[c];
            }
            outputs.set(state, append(outputs.get(state), n));
        }
        next = gotos.toArray(int[][]::new);
        ends = outputs.toArray(int[][]::new);
        int[] fail = new int[next.length];
        Queue<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < 256; c++) {
            if (next[0][c] < 0) {
                next[0][c] = 0;
            } else {
                fail[next[0][c]] = 0;
                queue.add(next[0][c]);
            }
        }
        // Breadth first, so a state's failure state is complete before the state itself is.
        while (!queue.isEmpty()) {
            int state = queue.poll();
            for (int n : ends[fail[state]]) {
                ends[state] = append(ends[state], n);
            }
            for (int c = 0; c < 256; c++) {
                int child = next[state][c];
                if (child < 0) {
                    next[state][c] = next[fail[state]][c];
                } else {
                    fail[child] = next[fail[state]][c];
                    queue.add(child);
                }
            }
        }
    }

    List<String> needles() {
        return needles;
    }

    /** A search through one stream of bytes, fed in pieces. */
    Run start() {
        return new Run(new BitSet(needles.size()));
    }

    /** Which needles occur in {@code bytes}. */
    BitSet find(byte[] bytes) {
        BitSet found = new BitSet(needles.size());
        findInto(bytes, found);
        return found;
    }

    /** Sets the bit of every needle that occurs in {@code bytes}, searched on its own. */
    void findInto(byte[] bytes, BitSet found) {
        Run run = new Run(found);
        run.feed(bytes, 0, bytes.length);
    }

    final class Run {
        private int state;
        private final BitSet found;

        private Run(BitSet found) {
            this.found = found;
        }

        void feed(byte[] bytes, int from, int to) {
            int s = state;
            for (int i = from; i < to; i++) {
                s = next[s][bytes[i] & 0xff];
                if (ends[s].length > 0) {
                    for (int n : ends[s]) {
                        found.set(n);
                    }
                }
            }
            state = s;
        }

        BitSet found() {
            return (BitSet) found.clone();
        }
    }

    private static int[] newRow() {
        int[] row = new int[256];
        Arrays.fill(row, -1);
        return row;
    }

    private static int[] append(int[] array, int value) {
        for (int existing : array) {
            if (existing == value) {
                return array;
            }
        }
        int[] longer = Arrays.copyOf(array, array.length + 1);
        longer[array.length] = value;
        return longer;
    }
}
