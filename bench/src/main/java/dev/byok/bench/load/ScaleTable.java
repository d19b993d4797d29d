package dev.byok.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scale scenario's one table: a row per measure, a column per number of configured orgs, and
 * the target beside each measure. A cell that was not measured (the run stopped before it, or the
 * measure does not apply) shows "-". Pure.
 */
final class ScaleTable {

    private final Map<String, String> targets = new LinkedHashMap<>();
    private final TreeMap<Integer, Map<String, String>> columns = new TreeMap<>();

    /** Declares a row; rows print in the order they were declared. */
    ScaleTable measure(String name, String target) {
        targets.put(name, target);
        return this;
    }

    ScaleTable put(int orgs, String measure, String value) {
        if (!targets.containsKey(measure)) {
            throw new IllegalArgumentException("undeclared measure " + measure);
        }
        columns.computeIfAbsent(orgs, n -> new LinkedHashMap<>()).put(measure, value);
        return this;
    }

    String render(String indent) {
        List<Table.Column> header = new ArrayList<>();
        header.add(Table.Column.left("measure"));
        columns.keySet().forEach(n -> header.add(Table.Column.right(String.format(java.util.Locale.ROOT, "%,d orgs", n))));
        header.add(Table.Column.left("target"));
        Table table = new Table(header.toArray(Table.Column[]::new));
        targets.forEach((measure, target) -> {
            List<String> cells = new ArrayList<>();
            cells.add(measure);
            columns.values().forEach(column -> cells.add(column.getOrDefault(measure, "-")));
            cells.add(target);
            table.row(cells.toArray(String[]::new));
        });
        return table.render(indent);
    }
}
