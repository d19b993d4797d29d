package dev.byok.bench.jmh;

import dev.byok.bench.load.Reviews;
import dev.byok.model.ChatMessage;
import dev.byok.model.Json;
import dev.byok.model.ProviderId;
import dev.byok.model.SlotSettings;
import dev.byok.provider.internal.WireFormat;
import dev.byok.provider.internal.WireFormats;
import dev.byok.provider.internal.rules.WirePlan;
import dev.byok.provider.internal.rules.WirePlanner;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Request translation: what the worker does before each provider call, exactly as the provider
 * client's I/O shell does it: plan the slot's settings (thinking preset, capability rules), build
 * the provider's wire body for the review's messages and write it as JSON bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class RequestTranslationBenchmark {

    @Param({"openai", "anthropic", "google_gemini", "open_router", "openai_compatible"})
    public String provider;

    /** The diff's size: a typical review, and a large one. */
    @Param({"4096", "262144"})
    public int diffBytes;

    private SlotSettings settings;
    private WireFormat format;
    private List<ChatMessage> messages;

    @Setup
    public void setUp() {
        settings = Settings.catalogSlot(ProviderId.fromWire(provider), null);
        format = WireFormats.of(settings.provider());
        messages = Settings.review(Reviews.diff(diffBytes, new SplittableRandom(7)));
        WirePlan plan = WirePlanner.plan(settings);
        if (!plan.errors().isEmpty()) {
            throw new IllegalStateException("the benchmark's slot is refused: " + plan.errors());
        }
    }

    @Benchmark
    public byte[] planAndWriteBody() {
        WirePlan plan = WirePlanner.plan(settings);
        return Json.lenient().writeValueAsBytes(format.body(settings, plan, messages));
    }
}
