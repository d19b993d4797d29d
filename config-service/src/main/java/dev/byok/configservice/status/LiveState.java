package dev.byok.configservice.status;

import dev.byok.configstore.redis.RedisConnection;
import dev.byok.model.ConfigSource;
import dev.byok.model.Json;
import dev.byok.model.OrgByokView;
import dev.byok.model.Slot;
import dev.byok.model.WorkerSlotReport;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.client.protocol.ScoredEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an org's live state from the Redis the workers share ({@code REDIS_URL}), with the key
 * layout the workers write: permits ({@code <prefix>permits:{org}:<slot>:timeout}, the holders by
 * the epoch ms their lease ends; see the worker's PermitScripts), cooldowns
 * ({@code <prefix>cooldown:{org}:<slot>}, epoch ms) and the workers' {@link WorkerSlotReport}s. The
 * connection is made on first use and again after a failure, so config-service starts and serves
 * its API while Redis is away; only the status says so.
 */
public final class LiveState implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveState.class);
    /** Where the permits of orgs served by the deployment default live: one cap for all of them. */
    private static final String DEPLOYMENT_PERMITS = "~deployment";

    private final String redisUrl;
    private final String redisConfigFile;
    private final String prefix;
    private final Clock clock;
    private RedissonClient redisson;

    public LiveState(String redisUrl, String prefix, Clock clock) {
        this(redisUrl, "", prefix, clock);
    }

    /** @param redisConfigFile a Redisson YAML file (Sentinel, Cluster) that wins over {@code redisUrl}; blank for none */
    public LiveState(String redisUrl, String redisConfigFile, String prefix, Clock clock) {
        this.redisConfigFile = redisConfigFile;
        this.redisUrl = redisUrl;
        this.prefix = prefix;
        this.clock = clock;
    }

    public OrgStatus of(OrgByokView config) {
        try {
            RedissonClient client = client();
            String permitOrg = config.source() == ConfigSource.ENVIRONMENT ? DEPLOYMENT_PERMITS : config.orgId();
            return new OrgStatus(config, true, null,
                    config.main() == null ? null : slot(client, config.orgId(), permitOrg, Slot.MAIN),
                    config.fallback() == null ? null : slot(client, config.orgId(), permitOrg, Slot.FALLBACK));
        } catch (RuntimeException e) {
            log.warn("Cannot read the live state from Redis: {}", e.toString());
            forget();
            return new OrgStatus(config, false, "Redis at " + where() + " cannot be read: " + e.getClass().getSimpleName(),
                    null, null);
        }
    }

    private SlotStatus slot(RedissonClient client, String orgId, String permitOrg, Slot slot) {
        Instant now = clock.instant();
        List<Instant> leases = new ArrayList<>();
        String permits = prefix + "permits:{" + permitOrg + "}:" + slot.wire();
        for (ScoredEntry<String> lease : client.<String>getScoredSortedSet(permits + ":timeout", StringCodec.INSTANCE)
                .entryRange(now.toEpochMilli(), false, Double.POSITIVE_INFINITY, true)) {
            leases.add(Instant.ofEpochMilli(lease.getScore().longValue()));
        }
        String cooldown = client.<String>getBucket(prefix + "cooldown:{" + orgId + "}:" + slot.wire(),
                StringCodec.INSTANCE).get();
        Instant coolingUntil = cooldown == null ? null : Instant.ofEpochMilli(Long.parseLong(cooldown));
        List<WorkerSlotReport> workers = new ArrayList<>();
        Map<String, String> reports = client.<String, String>getMap(WorkerSlotReport.redisKey(prefix, orgId, slot),
                StringCodec.INSTANCE).readAllMap();
        for (String json : reports.values()) {
            WorkerSlotReport report = Json.lenient().readValue(json, WorkerSlotReport.class);
            if (report.at().plus(WorkerSlotReport.FRESH_FOR).isAfter(now)) {
                workers.add(report);
            }
        }
        workers.sort(Comparator.comparing(WorkerSlotReport::worker));
        return new SlotStatus(leases.size(), leases,
                coolingUntil != null && coolingUntil.isAfter(now) ? coolingUntil : null, workers);
    }

    private synchronized RedissonClient client() {
        if (redisson == null) {
            redisson = Redisson.create(RedisConnection.config(redisUrl, redisConfigFile));
        }
        return redisson;
    }

    private synchronized void forget() {
        if (redisson != null) {
            redisson.shutdown();
            redisson = null;
        }
    }

    /** Host and port only: the URL may hold a password. */
    private String where() {
        URI uri = URI.create(redisUrl.trim());
        return uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : 6379);
    }

    @Override
    public void close() {
        forget();
    }
}
