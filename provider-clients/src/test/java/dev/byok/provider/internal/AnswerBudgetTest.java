package dev.byok.provider.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shared budget for large answers: ordinary answers never touch it, large ones share it. */
class AnswerBudgetTest {

    private static final int FREE = AnswerBudget.FREE_BYTES_PER_ANSWER;

    @Test
    void anOrdinaryAnswerIsFreeEvenWhenTheBudgetIsSpent() {
        AnswerBudget budget = new AnswerBudget(300 * 1024);
        AnswerBudget.Account large = budget.open();
        assertThat(large.add(FREE + 300 * 1024)).isTrue();

        AnswerBudget.Account ordinary = budget.open();
        assertThat(ordinary.add(FREE)).as("the free allowance needs no budget").isTrue();
        assertThat(ordinary.add(1)).as("one byte past it does").isFalse();
    }

    @Test
    void largeAnswersShareTheBudgetAndGiveItBackWhenClosed() {
        AnswerBudget budget = new AnswerBudget(300 * 1024);
        AnswerBudget.Account first = budget.open();
        AnswerBudget.Account second = budget.open();

        assertThat(first.add(FREE + 200 * 1024)).isTrue();
        assertThat(second.add(FREE + 200 * 1024)).isFalse();
        first.close();
        assertThat(second.add(FREE + 200 * 1024)).isTrue();
    }

    @Test
    void anAnswerReadInPiecesIsChargedOnlyForWhatItHasBeyondTheAllowance() {
        AnswerBudget budget = new AnswerBudget(10 * 1024);
        AnswerBudget.Account account = budget.open();
        for (int i = 0; i < FREE / 1024 + 10; i++) {
            assertThat(account.add(1024)).isTrue();
        }
        assertThat(account.add(1024)).as("the eleventh KiB past the allowance").isFalse();
    }
}
