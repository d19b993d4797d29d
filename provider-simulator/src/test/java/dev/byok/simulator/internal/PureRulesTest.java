package dev.byok.simulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.simulator.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PureRulesTest {

    @Test
    void faultScheduleDrainsTheQueueThenRepeatsTheAlwaysFault() {
        FaultSchedule schedule = new FaultSchedule(List.of(Fault.rateLimited(), Fault.truncated()), Fault.connectionDrop());

        assertThat(schedule.next()).isEqualTo(Fault.rateLimited());
        assertThat(schedule.next()).isEqualTo(Fault.truncated());
        assertThat(schedule.next()).isEqualTo(Fault.connectionDrop());
        assertThat(schedule.next()).isEqualTo(Fault.connectionDrop());
        assertThat(new FaultSchedule(List.of(), null).next()).isNull();
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUp() {
        assertThat(RetryHeaders.of(Fault.rateLimited())).isEmpty();
        assertThat(RetryHeaders.of(Fault.rateLimited(Duration.ofSeconds(3)))).containsExactlyEntriesOf(Map.of("Retry-After", "3"));
        assertThat(RetryHeaders.of(new Fault.RateLimited(Duration.ofMillis(2001), true)))
                .containsEntry("Retry-After", "3").containsEntry("retry-after-ms", "2001");
        assertThat(RetryHeaders.of(new Fault.RateLimited(Duration.ZERO, false))).containsEntry("Retry-After", "0");
    }

    @Test
    void geminiSpellsDurationsAndStatusesLikeGoogle() {
        assertThat(GeminiDialect.protoDuration(Duration.ofSeconds(58))).isEqualTo("58s");
        assertThat(GeminiDialect.protoDuration(Duration.ofMillis(1500))).isEqualTo("1.500s");
        assertThat(GeminiDialect.canonicalStatus(429)).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(GeminiDialect.canonicalStatus(503)).isEqualTo("UNAVAILABLE");
        assertThat(GeminiDialect.canonicalStatus(502)).isEqualTo("INTERNAL");
    }

    @Test
    void defaultErrorTypesFollowEachProvidersTable() {
        assertThat(AnthropicDialect.defaultType(400)).isEqualTo("invalid_request_error");
        assertThat(AnthropicDialect.defaultType(401)).isEqualTo("authentication_error");
        assertThat(AnthropicDialect.defaultType(403)).isEqualTo("permission_error");
        assertThat(AnthropicDialect.defaultType(404)).isEqualTo("not_found_error");
        assertThat(AnthropicDialect.defaultType(429)).isEqualTo("rate_limit_error");
        assertThat(AnthropicDialect.defaultType(500)).isEqualTo("api_error");
        assertThat(AnthropicDialect.defaultType(529)).isEqualTo("overloaded_error");
        assertThat(OpenAiDialect.defaultType(503)).isEqualTo("server_error");
        assertThat(OpenAiDialect.defaultType(404)).isEqualTo("invalid_request_error");
    }
}
