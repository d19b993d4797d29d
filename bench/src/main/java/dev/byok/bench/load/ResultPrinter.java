package dev.byok.bench.load;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders the report: the targets table, the side-by-side with the naive consumer, then the notes. */
final class ResultPrinter {

    private ResultPrinter() {
    }

    static String render(Report report, int runs, String machine) {
        StringBuilder out = new StringBuilder();
        out.append("Results: median of ").append(runs).append(" runs on ").append(machine).append('\n');
        Table targets = new Table(Table.Column.left("metric"), Table.Column.right("median"), Table.Column.left("target"),
                Table.Column.left("verdict"), Table.Column.left("runs"));
        for (Metric metric : report.metrics()) {
            if (metric.name().startsWith("side.") || metric.runs().isEmpty()) {
                continue;
            }
            targets.row(metric.name(), metric.format(metric.median()), metric.target().text(), metric.verdict(),
                    metric.runs().stream().map(metric::format).collect(Collectors.joining(" | ")));
        }
        out.append(targets.render("  "));

        if (report.existing("side.ours.calls") != null && report.existing("side.naive.calls") != null) {
            out.append('\n').append("Side by side: a backlog of ").append(PermitEfficiency.BACKLOG)
                    .append(" reviews, provider cap ").append(PermitEfficiency.CAP).append(", latency ")
                    .append(PermitEfficiency.LATENCY.toMillis()).append(" ms (ideal ")
                    .append(String.format(java.util.Locale.ROOT, "%.1f s",
                            PermitEfficiency.BACKLOG * PermitEfficiency.LATENCY.toMillis() / 1000.0 / PermitEfficiency.CAP))
                    .append("); medians of ").append(runs).append(" runs\n");
            Table side = new Table(Table.Column.left("consumer"), Table.Column.right("provider calls"),
                    Table.Column.right("429s"), Table.Column.right("wasted calls"),
                    Table.Column.right("max in flight at provider"), Table.Column.right("completion time"));
            sideRow(side, report, "ours", "byok-review, 1 worker, Redis permits");
            sideRow(side, report, "naive", "plain KafkaConsumer, " + NaiveComparison.THREADS + " threads, no permits");
            out.append(side.render("  "));
            out.append("  (max in flight counts every request the simulator was handling at once, rejected ones included;\n"
                    + "   completion time: from the first request produced to the last review served)\n");
        }

        Map<String, List<String>> notes = report.notes();
        if (!notes.isEmpty()) {
            out.append('\n').append("Details per run\n");
            notes.forEach((section, lines) -> {
                out.append("  ").append(section).append('\n');
                lines.forEach(line -> out.append("    ").append(line).append('\n'));
            });
        }
        return out.toString();
    }

    private static void sideRow(Table table, Report report, String who, String label) {
        table.row(label, median(report, who, "calls"), median(report, who, "429"), median(report, who, "wasted"),
                median(report, who, "inflight"), median(report, who, "seconds"));
    }

    private static String median(Report report, String who, String what) {
        Metric metric = report.existing("side." + who + "." + what);
        return metric == null ? "n/a" : metric.format(metric.median());
    }
}
