package dev.byok.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void columnsAreAlignedTextLeftNumbersRight() {
        String rendered = new Table(Table.Column.left("metric"), Table.Column.right("median"))
                .row("permit efficiency", "0.981")
                .row("p99", "12.5 ms")
                .render("  ");
        assertThat(rendered).isEqualTo("""
                  metric              median
                  -----------------  -------
                  permit efficiency    0.981
                  p99                12.5 ms
                """);
    }

    @Test
    void aRowMustHaveACellPerColumn() {
        Table table = new Table(Table.Column.left("a"), Table.Column.left("b"));
        assertThatThrownBy(() -> table.row("only one")).isInstanceOf(IllegalArgumentException.class);
    }
}
