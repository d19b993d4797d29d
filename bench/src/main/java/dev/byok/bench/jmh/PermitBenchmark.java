package dev.byok.bench.jmh;

import dev.byok.localstack.EmbeddedRedis;
import dev.byok.model.Slot;
import dev.byok.worker.permits.Permit;
import dev.byok.worker.permits.PermitKey;
import dev.byok.worker.permits.RedisPermitGate;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * The worker's permits against a real Redis ({@code REDIS_URL}, else a Redis server started for
 * the benchmark): {@link RedisPermitGate#tryAcquire} then {@link Permit#release}, as the worker does
 * around each provider call. {@code uncontended}: a cap that is never full. {@code handoff}: two
 * threads share one permit, so every acquire waits for the other thread's release to reach it
 * through Redis (pub/sub), the path that decides how fast a freed permit is used again.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class PermitBenchmark {

    private EmbeddedRedis embedded;
    private RedissonClient redisson;
    private RedisPermitGate gate;
    private PermitKey wide;
    private PermitKey single;

    @Setup
    public void setUp() {
        String url = System.getenv("REDIS_URL");
        if (url == null || url.isBlank()) {
            embedded = EmbeddedRedis.start(0);
            url = embedded.url();
        }
        Config config = new Config();
        config.useSingleServer().setAddress(url);
        redisson = Redisson.create(config);
        String run = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        gate = new RedisPermitGate(redisson, "jmh-" + run + ":", Duration.ofSeconds(60), java.time.Clock.systemUTC());
        wide = new PermitKey("jmh-wide-" + run, Slot.MAIN);
        single = new PermitKey("jmh-single-" + run, Slot.MAIN);
    }

    @TearDown
    public void tearDown() {
        redisson.getKeys().deleteByPattern("jmh-*");
        redisson.shutdown();
        if (embedded != null) {
            embedded.close();
        }
    }

    @Benchmark
    public void uncontended() {
        acquire(wide, 1_000).release();
    }

    @Benchmark
    @Group("handoff")
    @GroupThreads(2)
    public void handoff() {
        acquire(single, 1).release();
    }

    private Permit acquire(PermitKey key, int cap) {
        return gate.tryAcquire(key, cap, 1, Duration.ofSeconds(10))
                .orElseThrow(() -> new IllegalStateException("no permit within 10 s"));
    }
}
