package dev.byok.configservice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A body sent without a Content-Length (chunked) is cut off at the limit however the application
 * reads it, as bytes or as text. (The real-HTTP case, a chunked PUT answered with 413, is in the
 * system tests' HostileInputIT.)
 */
class BodySizeLimitTest {

    private static final int LIMIT = 1024;
    private final BodySizeLimit filter = new BodySizeLimit(LIMIT, new ProblemWriter(tools.jackson.databind.json.JsonMapper.builder().build()));

    @Test
    void aChunkedBodyReadAsTextStopsAtTheLimit() throws Exception {
        AtomicReference<HttpServletRequest> seen = new AtomicReference<>();
        filter.doFilter(chunked(LIMIT + 1), new MockHttpServletResponse(), (request, response) ->
                seen.set((HttpServletRequest) request));

        assertThatThrownBy(() -> seen.get().getReader().transferTo(java.io.Writer.nullWriter()))
                .isInstanceOf(BodySizeLimit.TooLarge.class);
    }

    @Test
    void aChunkedBodyReadAsBytesStopsAtTheLimit() throws Exception {
        AtomicReference<HttpServletRequest> seen = new AtomicReference<>();
        filter.doFilter(chunked(LIMIT + 1), new MockHttpServletResponse(), (request, response) ->
                seen.set((HttpServletRequest) request));

        assertThatThrownBy(() -> seen.get().getInputStream().readAllBytes()).isInstanceOf(BodySizeLimit.TooLarge.class);
    }

    @Test
    void aChunkedBodyAtTheLimitIsReadWhole() throws Exception {
        AtomicReference<String> text = new AtomicReference<>();
        filter.doFilter(chunked(LIMIT), new MockHttpServletResponse(), (request, response) -> {
            try {
                text.set(((HttpServletRequest) request).getReader().readLine());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(text.get()).hasSize(LIMIT);
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeAnythingReadsIt() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("PUT", "/api/v1/orgs/acme/byok/main");
        request.setContent("x".repeat(LIMIT + 1).getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<Boolean> reached = new AtomicReference<>(false);

        filter.doFilter(request, response, (req, res) -> reached.set(true));

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(reached.get()).isFalse();
    }

    /** A request whose body has no declared length, as a chunked request has. */
    private static MockHttpServletRequest chunked(int bytes) {
        MockHttpServletRequest request = new MockHttpServletRequest("PUT", "/api/v1/orgs/acme/byok/main") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }

            @Override
            public int getContentLength() {
                return -1;
            }
        };
        request.addHeader("Transfer-Encoding", "chunked");
        request.setCharacterEncoding("UTF-8");
        request.setContent("x".repeat(bytes).getBytes(StandardCharsets.UTF_8));
        return request;
    }
}
