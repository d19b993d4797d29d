package dev.byok.bench.jmh;

import dev.byok.bench.load.Samples;
import dev.byok.bench.load.Table;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs the JMH benchmarks (any JMH command-line option works, e.g. a name filter) and then prints
 * each benchmark's median over its forks: every fork is a separate JVM, i.e. a separate run.
 */
public final class JmhMain {

    private JmhMain() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions options = new CommandLineOptions(args);
        if (options.shouldHelp() || options.shouldList() || options.shouldListProfilers()
                || options.shouldListResultFormats() || options.shouldListWithParams()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.print(summary(results));
    }

    static String summary(Collection<RunResult> results) {
        Table table = new Table(Table.Column.left("benchmark"), Table.Column.left("params"),
                Table.Column.right("median of forks"), Table.Column.left("unit"), Table.Column.left("per fork"));
        for (RunResult result : results) {
            List<Double> perFork = new ArrayList<>();
            for (BenchmarkResult fork : result.getBenchmarkResults()) {
                perFork.add(fork.getPrimaryResult().getScore());
            }
            String name = result.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            String params = result.getParams().getParamsKeys().stream()
                    .map(k -> k + "=" + result.getParams().getParam(k)).collect(Collectors.joining(" "));
            table.row(name, params, format(Samples.median(perFork)), result.getPrimaryResult().getScoreUnit(),
                    perFork.stream().map(JmhMain::format).collect(Collectors.joining(" | ")));
        }
        return "JMH: median of the forks' scores (each fork a fresh JVM: warm-up, then measured iterations)\n"
                + table.render("  ");
    }

    private static String format(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
    }
}
