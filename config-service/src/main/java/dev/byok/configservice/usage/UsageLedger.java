package dev.byok.configservice.usage;

import dev.byok.configstore.prices.TokenCounts;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.Usage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Token usage per org, slot, provider and model, per UTC hour and day, in Redis beside the permits.
 * Each served review is counted once: one script marks the review's id as counted and adds its
 * tokens to its hour and its day, or does nothing if the id was counted before, so an outcome read
 * twice (a consumer that restarts before committing, a duplicate on the topic) adds nothing.
 *
 * <p>Key layout, under the shared prefix: {@code usage:{org}:h:<yyyyMMddHH>} and
 * {@code usage:{org}:d:<yyyyMMdd>} (hashes of {@code slot␟provider␟model␟metric} to a count),
 * {@code usage:{org}:seen:<reviewId>} (the mark, kept {@code seenFor}) and
 * {@code usage:orgs:d:<yyyyMMdd>} (the orgs with usage that day, for the admin totals). The org's
 * keys share the hash tag {@code {org}}, so the script runs on Redis Cluster too.
 */
public final class UsageLedger {

    static final List<String> METRICS = List.of("reviews", "input", "output", "reasoning", "cached");

    private static final String ACCOUNT = """
            if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
              return 0
            end
            for i = 4, #ARGV, 2 do
              redis.call('HINCRBY', KEYS[2], ARGV[i], ARGV[i + 1])
              redis.call('HINCRBY', KEYS[3], ARGV[i], ARGV[i + 1])
            end
            redis.call('EXPIRE', KEYS[2], ARGV[2])
            redis.call('EXPIRE', KEYS[3], ARGV[3])
            return 1
            """;

    private final RedissonClient redis;
    private final String prefix;
    private final UsageSettings settings;

    public UsageLedger(RedissonClient redis, String prefix, UsageSettings settings) {
        this.redis = redis;
        this.prefix = prefix;
        this.settings = settings;
    }

    /**
     * Counts a served review's usage in the hour and day it completed; false if it was counted
     * before or there is nothing to count (a FAILED review, or one whose provider reported no usage).
     */
    public boolean account(ReviewOutcome outcome) {
        if (outcome.usage() == null || outcome.servedBy() == null || outcome.provider() == null
                || outcome.model() == null || outcome.completedAt() == null) {
            return false;
        }
        String org = outcome.orgId();
        UsageLine line = new UsageLine(outcome.servedBy().wire(), outcome.provider().wire(), outcome.model());
        Usage usage = outcome.usage();
        List<Object> args = new ArrayList<>(List.of(Long.toString(settings.countedMarkKeptFor().toSeconds()),
                Long.toString(settings.hoursKeptFor().toSeconds()), Long.toString(settings.daysKeptFor().toSeconds())));
        long[] values = {1, orZero(usage.inputTokens()), orZero(usage.outputTokens()), orZero(usage.reasoningTokens()),
                orZero(usage.cachedTokens())};
        for (int i = 0; i < METRICS.size(); i++) {
            args.add(line.field(METRICS.get(i)));
            args.add(Long.toString(values[i]));
        }
        Instant at = outcome.completedAt();
        Long counted = redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, ACCOUNT,
                RScript.ReturnType.LONG,
                List.of(orgKey(org, "seen:" + outcome.reviewId()), bucketKey(org, Granularity.HOUR, at),
                        bucketKey(org, Granularity.DAY, at)), args.toArray());
        if (counted == null || counted == 0) {
            return false;
        }
        // Idempotent, so it may stay outside the script (it is not in the org's hash slot).
        redis.getSet(orgsOfDayKey(at), StringCodec.INSTANCE).add(org);
        redis.getSet(orgsOfDayKey(at), StringCodec.INSTANCE).expire(settings.daysKeptFor());
        return true;
    }

    /** The org's usage in each bucket from {@code from} (inclusive) to {@code to} (exclusive), by line. */
    public Map<Instant, Map<UsageLine, TokenCounts>> read(String org, Granularity granularity, Instant from, Instant to) {
        List<Instant> buckets = new ArrayList<>();
        for (Instant b = granularity.bucketOf(from); b.isBefore(to); b = granularity.next(b)) {
            buckets.add(b);
        }
        RBatch batch = redis.createBatch();
        for (Instant bucket : buckets) {
            batch.<String, String>getMap(bucketKey(org, granularity, bucket), StringCodec.INSTANCE).readAllMapAsync();
        }
        BatchResult<?> results = batch.execute();
        Map<Instant, Map<UsageLine, TokenCounts>> out = new LinkedHashMap<>();
        for (int i = 0; i < buckets.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, String> fields = (Map<String, String>) results.getResponses().get(i);
            Map<UsageLine, TokenCounts> lines = parse(fields);
            if (!lines.isEmpty()) {
                out.put(buckets.get(i), lines);
            }
        }
        return out;
    }

    /** The orgs that had usage on each day from {@code from} to {@code to} (exclusive), together. */
    public Set<String> orgsWithUsage(LocalDate from, LocalDate to) {
        Set<String> orgs = new java.util.TreeSet<>();
        for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
            orgs.addAll(redis.<String>getSet(orgsOfDayKey(day.atStartOfDay(ZoneOffset.UTC).toInstant()),
                    StringCodec.INSTANCE).readAll());
        }
        return orgs;
    }

    static Map<UsageLine, TokenCounts> parse(Map<String, String> fields) {
        Map<UsageLine, long[]> sums = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String[] parts = field.getKey().split(String.valueOf(UsageLine.SEPARATOR), -1);
            int metric = parts.length == 4 ? METRICS.indexOf(parts[3]) : -1;
            if (metric < 0) {
                continue;
            }
            sums.computeIfAbsent(new UsageLine(parts[0], parts[1], parts[2]), l -> new long[METRICS.size()])[metric] =
                    Long.parseLong(field.getValue());
        }
        Map<UsageLine, TokenCounts> out = new LinkedHashMap<>();
        sums.forEach((line, v) -> out.put(line, new TokenCounts(v[0], v[1], v[2], v[3], v[4])));
        return out;
    }

    private String bucketKey(String org, Granularity granularity, Instant at) {
        return orgKey(org, granularity.tag() + ":" + granularity.name(granularity.bucketOf(at)));
    }

    private String orgKey(String org, String rest) {
        return prefix + "usage:{" + org + "}:" + rest;
    }

    private String orgsOfDayKey(Instant at) {
        return prefix + "usage:orgs:d:" + Granularity.DAY.name(Granularity.DAY.bucketOf(at));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
