package dev.byok.provider.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.byok.model.AttemptOutcome;
import dev.byok.provider.ProviderResult;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    private static final String ANTHROPIC = """
            event: message_start\r
            data: {"type":"message_start","message":{"usage":{"input_tokens":12}}}\r
            \r
            : keep-alive\r
            \r
            event: content_block_delta\r
            data: {"type":"content_block_delta","delta":{"type":"text_delta","text":"Looks "}}\r
            \r
            event: content_block_delta\r
            data: {"type":"content_block_delta","delta":{"type":"text_delta","text":"fine."}}\r
            \r
            event: message_delta\r
            data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":3}}\r
            \r
            event: message_stop\r
            data: {"type":"message_stop"}\r
            \r
            """;

    @Test
    void eventsSplitAtAnyByteAssembleTheSameAnswer() throws StreamFailure {
        AnthropicStream assembler = new AnthropicStream(10_000);
        SseReader reader = new SseReader(assembler);
        for (byte b : ANTHROPIC.getBytes(StandardCharsets.UTF_8)) {
            reader.feed(new byte[] {b}, 1);
        }
        reader.end();

        assertThat(assembler.finish(200)).isInstanceOfSatisfying(ProviderResult.Success.class, s -> {
            assertThat(s.content()).isEqualTo("Looks fine.");
            assertThat(s.usage().inputTokens()).isEqualTo(12);
            assertThat(s.usage().outputTokens()).isEqualTo(3);
        });
    }

    @Test
    void withoutItsFinalEventTheStreamIsTruncated() throws StreamFailure {
        AnthropicStream assembler = new AnthropicStream(10_000);
        SseReader reader = new SseReader(assembler);
        byte[] bytes = ANTHROPIC.substring(0, ANTHROPIC.indexOf("event: message_stop")).getBytes(StandardCharsets.UTF_8);
        reader.feed(bytes, bytes.length);
        reader.end();

        assertThat(assembler.finish(200)).isInstanceOfSatisfying(ProviderResult.Failure.class,
                f -> assertThat(f.outcome()).isEqualTo(AttemptOutcome.TRUNCATED));
    }

    @Test
    void anEventLongerThanTheBoundIsRefusedWithoutHoldingIt() {
        SseReader reader = new SseReader(new ChatStream(10_000));
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');

        assertThatThrownBy(() -> {
            reader.feed("data: ".getBytes(StandardCharsets.UTF_8), 6);
            for (int i = 0; i < 20; i++) {
                reader.feed(chunk, chunk.length);
            }
        }).isInstanceOfSatisfying(StreamFailure.class, e -> assertThat(e.outcome()).isEqualTo(AttemptOutcome.SERVER_ERROR));
    }

    @Test
    void anAnswerLongerThanItsBoundFails() {
        ChatStream assembler = new ChatStream(10);
        SseReader reader = new SseReader(assembler);
        byte[] event = "data: {\"choices\":[{\"delta\":{\"content\":\"more than ten characters\"}}]}\n\n"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> reader.feed(event, event.length)).isInstanceOf(StreamFailure.class)
                .hasMessageContaining("longer than 10 characters");
    }
}
