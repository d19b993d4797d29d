package dev.byok.bench;

import dev.byok.bench.jmh.JmhMain;
import dev.byok.bench.load.LoadHarness;
import java.util.Arrays;

/** {@code java -jar bench/target/bench.jar load|jmh [args]}: the two benchmark commands of docs/BENCHMARKS.md. */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (mode) {
            case "load" -> LoadHarness.main(rest);
            case "jmh" -> JmhMain.main(rest);
            default -> {
                System.err.println("usage: bench.jar load [scenario ...] [--runs=N] | jmh [JMH options]");
                System.exit(2);
            }
        }
    }
}
