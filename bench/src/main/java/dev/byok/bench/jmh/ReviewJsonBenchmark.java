package dev.byok.bench.jmh;

import dev.byok.bench.load.Reviews;
import dev.byok.model.ChatMessage;
import dev.byok.model.Json;
import dev.byok.model.ProviderId;
import dev.byok.model.ReviewRequested;
import dev.byok.model.SlotSettings;
import dev.byok.provider.internal.WireFormats;
import dev.byok.provider.internal.rules.WirePlanner;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JSON mapping of the largest review the contract accepts (8 MiB of JSON): read from the
 * Kafka record's bytes (what the dispatcher and the worker do), written back (what a client does),
 * and turned into a provider's request body (what the worker sends).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class ReviewJsonBenchmark {

    static final int MAX_REVIEW_BYTES = 8 * 1024 * 1024;

    private byte[] json;
    private ReviewRequested review;
    private SlotSettings settings;

    @Setup
    public void setUp() {
        review = largestReview();
        json = Json.lenient().writeValueAsBytes(review);
        settings = Settings.catalogSlot(ProviderId.OPENAI_COMPATIBLE, null);
    }

    /** A review whose JSON is just under 8 MiB. */
    static ReviewRequested largestReview() {
        String diff = Reviews.diff(MAX_REVIEW_BYTES, new SplittableRandom(11));
        while (true) {
            ReviewRequested candidate = new ReviewRequested(ReviewRequested.SCHEMA_VERSION, "pr-4711-r1", "acme",
                    Settings.review(diff), Map.of("repository", "acme/api", "pullRequest", 4711),
                    Instant.parse("2026-11-26T12:00:00Z"));
            int size = Json.lenient().writeValueAsBytes(candidate).length;
            if (size <= MAX_REVIEW_BYTES) {
                return candidate;
            }
            diff = diff.substring(0, diff.length() - (size - MAX_REVIEW_BYTES) - 64);
        }
    }

    @Benchmark
    public ReviewRequested read() {
        return Json.lenient().readValue(json, ReviewRequested.class);
    }

    @Benchmark
    public byte[] write() {
        return Json.lenient().writeValueAsBytes(review);
    }

    /** Bytes of the Kafka record to the bytes of the provider request: the worker's whole mapping of one review. */
    @Benchmark
    public byte[] recordToProviderBody() {
        ReviewRequested read = Json.lenient().readValue(json, ReviewRequested.class);
        List<ChatMessage> messages = read.messages();
        return Json.lenient().writeValueAsBytes(WireFormats.of(settings.provider())
                .body(settings, WirePlanner.plan(settings), messages));
    }
}
