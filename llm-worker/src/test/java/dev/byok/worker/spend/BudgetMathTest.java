package dev.byok.worker.spend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.configstore.prices.PriceTable;
import dev.byok.model.Budget;
import dev.byok.model.BudgetAlert;
import dev.byok.model.ChatMessage;
import dev.byok.model.MessageRole;
import dev.byok.model.ProviderId;
import dev.byok.model.SlotSettings;
import dev.byok.model.ThinkingLevel;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BudgetMathTest {

    private static final Instant NOW = Instant.parse("2026-12-31T23:00:00Z");

    @Test
    void theEstimateBoundsInputByItsBytesAndOutputByMaxTokens() {
        List<ChatMessage> messages = List.of(new ChatMessage(MessageRole.SYSTEM, "Review."),
                new ChatMessage(MessageRole.USER, "diff ü"));
        Optional<PriceTable.Price> glm = PriceTable.load(Optional.empty()).priceOf("openai_compatible", "glm-5.1");

        Estimate capped = Estimate.of(messages, settings(1000), glm, 8192);
        assertThat(capped.tokens()).isEqualTo(7 + 8 + 7 + 8 + 1000); // "ü" is two bytes
        assertThat(capped.bounded()).isTrue();
        // 30 input tokens x 1.40 + 1000 output x 4.40 micro-dollars, rounded up
        assertThat(capped.microUsd()).isEqualTo(4442);
        assertThat(Estimate.of(messages, settings(null), glm, 8192).tokens()).isEqualTo(30 + 8192);
        assertThat(Estimate.of(messages, settings(null), glm, 8192).bounded()).isFalse();
        assertThat(Estimate.of(messages, settings(1000), Optional.empty(), 8192).microUsd()).as("unpriced").isZero();
    }

    @Test
    void eachThresholdIsReportedByTheOneCallThatCrossesIt() {
        Budget budget = new Budget(1000L, null, null, null, Budget.OnExceeded.FAIL, 0.8);
        BudgetPeriods periods = BudgetPeriods.at(NOW);

        assertThat(BudgetAlerts.crossed("acme", budget, totals(700), 100, 0, periods, NOW)).isEmpty();
        List<BudgetAlert> soft = BudgetAlerts.crossed("acme", budget, totals(850), 150, 0, periods, NOW);
        assertThat(soft).singleElement().satisfies(a -> {
            assertThat(a.limit()).isEqualTo("tokensPerDay");
            assertThat(a.threshold()).isEqualTo(0.8);
            assertThat(a.period()).isEqualTo("2026-12-31");
            assertThat(a.resetsAt()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        });
        assertThat(BudgetAlerts.crossed("acme", budget, totals(900), 50, 0, periods, NOW)).isEmpty();
        assertThat(BudgetAlerts.crossed("acme", budget, totals(1000), 100, 0, periods, NOW))
                .extracting(BudgetAlert::threshold).containsExactly(1.0);
        assertThat(BudgetAlerts.crossed("acme", budget, totals(1200), 1200, 0, periods, NOW))
                .as("one call through both").extracting(BudgetAlert::threshold).containsExactly(0.8, 1.0);
    }

    private static BudgetAlerts.Totals totals(long dayTokens) {
        return new BudgetAlerts.Totals(dayTokens, dayTokens, 0, 0);
    }

    private static SlotSettings settings(Integer maxTokens) {
        return new SlotSettings(ProviderId.OPENAI_COMPATIBLE, "glm-5.1", "https://api.z.ai/api/paas/v4", null, null,
                maxTokens, ThinkingLevel.OFF, null, null, null, "https://api.z.ai/api/paas/v4");
    }
}
