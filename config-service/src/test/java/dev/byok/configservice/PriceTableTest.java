package dev.byok.configservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.byok.configstore.prices.PriceTable;
import dev.byok.configstore.prices.TokenCounts;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceTableTest {

    private static final String[][] CATALOG = {
            {"anthropic", "claude-sonnet-4-6"}, {"anthropic", "claude-opus-4-7"},
            {"google_gemini", "gemini-3.1-pro-preview-customtools"}, {"openai", "gpt-5.4"},
            {"openai_compatible", "kimi-k2.6"}, {"openai_compatible", "glm-5.1"}};

    @Test
    void everyCatalogModelIsPricedAndTheTableSaysWhen() {
        PriceTable prices = PriceTable.load(Optional.empty());
        for (String[] model : CATALOG) {
            assertThat(prices.priceOf(model[0], model[1])).as(model[1]).isPresent();
        }
        assertThat(prices.asOf()).isNotNull();
    }

    @Test
    void cachedInputIsPricedApartAndReasoningIsPartOfTheOutput() {
        PriceTable.Price price = new PriceTable.Price("anthropic", "m", new BigDecimal("3.00"), new BigDecimal("0.30"),
                new BigDecimal("15.00"));

        // 600 uncached x 3.00 + 400 cached x 0.30 + 200 output x 15.00, per million
        assertThat(PriceTable.cost(new TokenCounts(1, 1000, 200, 50, 400), price)).isEqualByComparingTo("0.004920");
        PriceTable.Price noCachePrice = new PriceTable.Price("x", "m", new BigDecimal("3.00"), null, new BigDecimal("15.00"));
        assertThat(PriceTable.cost(new TokenCounts(1, 1000, 200, 50, 400), noCachePrice)).isEqualByComparingTo("0.006000");
    }

    @Test
    void aModelReachedThroughAnotherProviderIsPricedLikeTheOriginalUntilTheOperatorSaysOtherwise(@TempDir Path dir)
            throws IOException {
        PriceTable shipped = PriceTable.load(Optional.empty());
        assertThat(shipped.priceOf("open_router", "glm-5.1")).contains(shipped.priceOf("openai_compatible", "glm-5.1").get());
        assertThat(shipped.priceOf("openai_compatible", "my-own-model")).isEmpty();

        Path file = dir.resolve("prices.json");
        Files.writeString(file, """
                {"asOf": "2026-12-01", "currency": "USD", "note": "ours", "models": [
                  {"provider": "openai_compatible", "model": "my-own-model", "inputPerMillion": 0.1, "outputPerMillion": 0.2},
                  {"provider": "openai_compatible", "model": "glm-5.1", "inputPerMillion": 1.0, "outputPerMillion": 3.0}]}""");
        PriceTable ours = PriceTable.load(Optional.of(file));
        assertThat(ours.priceOf("openai_compatible", "my-own-model")).isPresent();
        assertThat(ours.priceOf("openai_compatible", "glm-5.1").get().inputPerMillion()).isEqualByComparingTo("1.0");
        assertThat(ours.priceOf("openai", "gpt-5.4")).as("shipped prices stay").isPresent();
        assertThat(ours.asOf()).hasToString("2026-12-01");
    }

    @Test
    void aBrokenPriceFileStopsTheServiceWithItsName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("prices.json");
        Files.writeString(file, "{\"models\": [{\"provider\": \"x\", \"model\": \"m\", \"inputPerMillion\": -1, "
                + "\"outputPerMillion\": 1}]}");
        assertThatThrownBy(() -> PriceTable.load(Optional.of(file))).hasMessageContaining("prices.json");
    }
}
