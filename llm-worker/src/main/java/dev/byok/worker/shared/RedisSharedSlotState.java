package dev.byok.worker.shared;

import dev.byok.model.Slot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import dev.byok.worker.permits.PermitStoreUnavailableException;
import org.redisson.client.RedisException;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** {@link SharedSlotState} in Redis: keys expire on their own, so nothing needs cleaning up. */
public final class RedisSharedSlotState implements SharedSlotState {

    /** Sets the cooldown only if it ends later than the one already there. */
    private static final String EXTEND_COOLDOWN = """
            local current = redis.call('get', KEYS[1])
            if current and tonumber(current) >= tonumber(ARGV[1]) then return 0 end
            redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return 1""";
    /** The first record to claim a reviewId owns it; the same record may claim it again. */
    private static final String CLAIM_REVIEW = """
            local owner = redis.call('get', KEYS[1])
            if not owner then
              redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return 1
            end
            if owner == ARGV[1] then return 1 end
            return 0""";
    /**
     * The checks of {@link #check} as one script: KEYS the review's claim, the slot's cooldown; ARGV
     * the record id ('' when not claiming), the dedup window ms. Returns {claimed 1/0, cooldown end
     * epoch ms or ''}.
     */
    private static final String CHECK_REVIEW = """
            local claimed = 1
            if ARGV[1] ~= '' then
              local owner = redis.call('get', KEYS[1])
              if not owner then
                redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
              elseif owner ~= ARGV[1] then
                claimed = 0
              end
            end
            local cooling = ''
            if KEYS[2] ~= KEYS[1] then cooling = redis.call('get', KEYS[2]) or '' end
            return {claimed, cooling}""";
    private static final Duration CALL_MEMORY = Duration.ofDays(1);

    private final RedissonClient redisson;
    private final String prefix;
    private final Clock clock;

    private final Duration dedupWindow;

    /** @param dedupWindow how long a reviewId is remembered, so a second request for it is recognised */
    public RedisSharedSlotState(RedissonClient redisson, String prefix, Clock clock, Duration dedupWindow) {
        this.redisson = redisson;
        this.prefix = prefix;
        this.clock = clock;
        this.dedupWindow = dedupWindow;
    }

    @Override
    public Optional<Instant> coolingUntil(String orgId, Slot slot) {
        String value = redisson.<String>getBucket(cooldownKey(orgId, slot), StringCodec.INSTANCE).get();
        if (value == null) {
            return Optional.empty();
        }
        Instant until = Instant.ofEpochMilli(Long.parseLong(value));
        return until.isAfter(clock.instant()) ? Optional.of(until) : Optional.empty();
    }

    @Override
    public void coolDown(String orgId, Slot slot, Instant until) {
        long ttl = until.toEpochMilli() - clock.millis();
        if (ttl <= 0) {
            return;
        }
        redisson.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, EXTEND_COOLDOWN,
                RScript.ReturnType.LONG, List.of(cooldownKey(orgId, slot)), Long.toString(until.toEpochMilli()),
                Long.toString(ttl));
    }

    @Override
    public boolean firstStart(String orgId, String reviewId, Slot slot, int attempt) {
        return redisson.<String>getBucket(callKey(orgId, reviewId, slot, attempt), StringCodec.INSTANCE)
                .setIfAbsent("1", CALL_MEMORY);
    }

    @Override
    public boolean claimReview(String orgId, String reviewId, String recordId) {
        Long claimed = redisson.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, CLAIM_REVIEW,
                RScript.ReturnType.LONG, List.of(claimKey(orgId, reviewId)), recordId,
                Long.toString(dedupWindow.toMillis()));
        return claimed != null && claimed == 1L;
    }

    @Override
    public ReviewChecks check(String orgId, String reviewId, String recordId, Slot slot) {
        if (recordId == null && slot != Slot.MAIN) {
            return new ReviewChecks(false, null); // nothing to claim, no cooldown to read: no round trip
        }
        String claimKey = claimKey(orgId, reviewId);
        // Only main cools down; passing the claim key twice says "no cooldown to read".
        String cooldownKey = slot == Slot.MAIN ? cooldownKey(orgId, slot) : claimKey;
        List<Object> answer;
        try {
            answer = redisson.getScript(StringCodec.INSTANCE).eval(claimKey, RScript.Mode.READ_WRITE, CHECK_REVIEW,
                    RScript.ReturnType.LIST, List.of(claimKey, cooldownKey), recordId == null ? "" : recordId,
                    Long.toString(dedupWindow.toMillis()));
        } catch (RedisException e) {
            throw new PermitStoreUnavailableException("Redis did not answer a review's checks: " + e.getMessage(), e);
        }
        boolean duplicate = ((Number) answer.get(0)).longValue() == 0L;
        String cooling = answer.size() > 1 ? String.valueOf(answer.get(1)) : "";
        Instant until = cooling.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(cooling));
        return new ReviewChecks(duplicate, until != null && until.isAfter(clock.instant()) ? until : null);
    }

    @Override
    public CompletionStage<Boolean> firstStartAsync(String orgId, String reviewId, Slot slot, int attempt) {
        return redisson.<String>getBucket(callKey(orgId, reviewId, slot, attempt), StringCodec.INSTANCE)
                .setIfAbsentAsync("1", CALL_MEMORY);
    }

    private String claimKey(String orgId, String reviewId) {
        return prefix + "reviews:{" + orgId + "}:" + reviewId;
    }

    private String callKey(String orgId, String reviewId, Slot slot, int attempt) {
        return prefix + "calls:{" + orgId + "}:" + reviewId + ":" + slot.wire() + ":" + attempt;
    }

    private String cooldownKey(String orgId, Slot slot) {
        return prefix + "cooldown:{" + orgId + "}:" + slot.wire();
    }
}
