package dev.byok.bench.jmh;

import dev.byok.bench.load.Reviews;
import dev.byok.model.ChatMessage;
import dev.byok.model.ProviderId;
import dev.byok.model.SlotSettings;
import dev.byok.provider.EgressGuard;
import dev.byok.provider.ProviderClients;
import dev.byok.provider.ProviderRequest;
import dev.byok.provider.ProviderResult;
import dev.byok.simulator.KeyBehaviour;
import dev.byok.simulator.ProviderSimulator;
import java.time.Clock;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole provider call through the public client ({@link ProviderClients#call}): egress check,
 * translation, an HTTP round trip to the simulator on loopback (answering at once) and reading
 * the answer. The difference to {@link RequestTranslationBenchmark} is the HTTP client and parsing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class ProviderCallBenchmark {

    @Param({"openai_compatible", "anthropic"})
    public String provider;

    private ProviderSimulator simulator;
    private ProviderClients clients;
    private SlotSettings settings;
    private List<ChatMessage> messages;

    @Setup
    public void setUp() {
        simulator = ProviderSimulator.start();
        simulator.program("sk-jmh-key", KeyBehaviour.ok());
        clients = new ProviderClients(EgressGuard.fromAllowList("127.0.0.1"), Clock.systemUTC(), Duration.ofSeconds(5));
        ProviderId id = ProviderId.fromWire(provider);
        String base = simulator.rootUrl() + "/v1";
        settings = Settings.catalogSlot(id, base);
        messages = Settings.review(Reviews.diff(4096, new SplittableRandom(7)));
        ProviderResult first = clients.call(new ProviderRequest(settings, "sk-jmh-key", messages, Duration.ofSeconds(10)));
        if (!(first instanceof ProviderResult.Success)) {
            throw new IllegalStateException("the simulator did not answer the benchmark's call: " + first);
        }
    }

    @TearDown
    public void tearDown() {
        simulator.close();
    }

    @Benchmark
    public ProviderResult call() {
        return clients.call(new ProviderRequest(settings, "sk-jmh-key", messages, Duration.ofSeconds(10)));
    }
}
