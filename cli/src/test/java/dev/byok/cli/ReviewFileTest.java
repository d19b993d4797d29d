package dev.byok.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.byok.model.MessageRole;
import org.junit.jupiter.api.Test;

class ReviewFileTest {

    @Test
    void aJsonFileGivesItsMessagesIdAndMetadata() {
        ReviewFile file = ReviewFile.parse("""
                {"reviewId":"pr-1","messages":[{"role":"user","content":"diff"}],"metadata":{"pullRequest":1}}""");

        assertThat(file.reviewId()).isEqualTo("pr-1");
        assertThat(file.messages()).singleElement().satisfies(m -> assertThat(m.role()).isEqualTo(MessageRole.USER));
        assertThat(file.metadata()).containsEntry("pullRequest", 1);
    }

    @Test
    void plainTextIsTheUserMessageAfterTheDefaultSystemPrompt() {
        ReviewFile file = ReviewFile.parse("diff --git a/x b/x\n+fix\n");

        assertThat(file.messages()).extracting(m -> m.role()).containsExactly(MessageRole.SYSTEM, MessageRole.USER);
        assertThat(file.messages().get(1).content()).isEqualTo("diff --git a/x b/x\n+fix\n");
        assertThat(file.reviewId()).isNull();
    }

    @Test
    void whatCannotBeAReviewIsRefusedSayingWhatToWrite() {
        assertThatThrownBy(() -> ReviewFile.parse("  ")).hasMessage("the file is empty");
        assertThatThrownBy(() -> ReviewFile.parse("{\"messages\": [")).hasMessageStartingWith("the file starts like JSON");
        assertThatThrownBy(() -> ReviewFile.parse("{\"diff\":\"x\"}")).hasMessageContaining("needs \"messages\"");
        assertThatThrownBy(() -> ReviewFile.parse("{\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}"))
                .hasMessageContaining("messages[0].role must be system, user or assistant");
        assertThatThrownBy(() -> ReviewFile.parse("{\"messages\":[{\"role\":\"user\",\"content\":42}]}"))
                .hasMessageContaining("\"content\" string");
        assertThatThrownBy(() -> ReviewFile.parse("{\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}"))
                .hasMessageContaining("at least one user message");
    }
}
