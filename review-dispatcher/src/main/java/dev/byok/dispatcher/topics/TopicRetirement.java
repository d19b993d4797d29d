package dev.byok.dispatcher.topics;

import dev.byok.model.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the tenant topics of orgs that no longer use them, so the partitions on the brokers and in
 * every worker follow the active orgs, not every org ever served (docs/SCALE.md). In two steps:
 * <ol>
 *   <li>every {@code byok.topic-sweep-interval}, on its own thread, it finds the orgs whose topics
 *   are due by {@link RetirementRule} (the newest record time of their partitions);</li>
 *   <li>between two batches of the dispatch loop, on the loop's thread, it removes those of the orgs
 *   whose ingress partition this dispatcher reads ({@link IngressOwnership}), each only if it is
 *   still due and the workers have served all of it ({@link DrainCheck}). Nobody else writes to
 *   them then, so nothing can arrive between the check and the removal.</li>
 * </ol>
 * A review that comes later makes the topics again (after {@link RecreationGuard}).
 */
public final class TopicRetirement implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicRetirement.class);
    /** The most orgs checked between two batches, so the loop never stalls on a backlog of removals. */
    private static final int ORGS_PER_TURN = 50;

    private final Admin admin;
    private final RetirementRule rule;
    private final Predicate<String> configured;
    private final Consumer<Collection<String>> forget;
    private final DrainCheck drainCheck;
    private final Duration sweepInterval;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Set<TopicPartition>> due = new ConcurrentHashMap<>();
    private final Map<String, Instant> seenWithoutRecords = new ConcurrentHashMap<>();
    private final Thread sweeper;
    private volatile boolean running = true;

    /**
     * @param configured whether an org has a config now (its own or the deployment's default)
     * @param forget told the names of removed topics, so the dispatcher makes them again when needed
     */
    public TopicRetirement(Admin admin, String workerGroup, Map<String, Object> consumerBase, RetirementRule rule,
            Predicate<String> configured, Consumer<Collection<String>> forget, Duration sweepInterval, Clock clock,
            MeterRegistry meters) {
        this.admin = admin;
        this.rule = rule;
        this.configured = configured;
        this.forget = forget;
        this.drainCheck = new DrainCheck(admin, workerGroup, consumerBase);
        this.sweepInterval = sweepInterval;
        this.clock = clock;
        this.meters = meters;
        this.sweeper = Thread.ofPlatform().name("byok-topic-sweep").daemon().unstarted(this::sweepEveryInterval);
        // Exported from the start at zero, so a dashboard or an alert sees them before the first removal.
        removed(true);
        removed(false);
        kept();
    }

    private Counter removed(boolean orgConfigured) {
        return Counter.builder("byok.tenant.topics.removed").description("orgs whose tenant topics were removed as idle")
                .tag("org_configured", Boolean.toString(orgConfigured)).register(meters);
    }

    private Counter kept() {
        return Counter.builder("byok.tenant.topics.kept")
                .description("orgs whose idle tenant topics were due but not removed: reviews still in them")
                .register(meters);
    }

    public void start() {
        if (!rule.idleRetention().isZero() || !rule.unconfiguredRetention().isZero()) {
            sweeper.start();
        }
    }

    private void sweepEveryInterval() {
        while (running) {
            try {
                Thread.sleep(sweepInterval);
                sweep();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                log.warn("Cannot look for idle tenant topics this time: {}", e.toString());
            }
        }
    }

    /** Step 1: which orgs' topics are due now. */
    void sweep() throws Exception {
        Map<String, Set<TopicPartition>> byOrg = TenantPartitions.byOrg(admin);
        Map<TopicPartition, Long> newest = newestRecordTimes(byOrg.values().stream().flatMap(Set::stream).toList());
        seenWithoutRecords.keySet().retainAll(byOrg.keySet());
        Instant now = clock.instant();
        for (Map.Entry<String, Set<TopicPartition>> org : byOrg.entrySet()) {
            if (dueReason(org.getKey(), org.getValue(), newest, now).isPresent()) {
                due.put(org.getKey(), org.getValue());
            }
        }
    }

    /**
     * Step 2, on the dispatch loop's thread between two batches.
     *
     * @param ingressAssignment the ingress partitions this dispatcher reads now
     * @param ingressPartitionCount how many the ingress topic has (asked only when some org is due)
     */
    public void retireDue(Collection<TopicPartition> ingressAssignment, java.util.function.IntSupplier ingressPartitionCount) {
        if (due.isEmpty()) {
            return;
        }
        int ingressPartitions = ingressPartitionCount.getAsInt();
        Map<String, Set<TopicPartition>> turn = new HashMap<>();
        for (String orgId : List.copyOf(due.keySet())) {
            if (turn.size() == ORGS_PER_TURN) {
                break;
            }
            Set<TopicPartition> partitions = due.remove(orgId);
            if (partitions != null && IngressOwnership.owns(ingressAssignment, orgId, ingressPartitions)) {
                turn.put(orgId, partitions);
            }
        }
        if (turn.isEmpty()) {
            return;
        }
        try {
            retireIfStillDue(turn);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Cannot remove the idle tenant topics of {} orgs this time: {}", turn.size(), e.toString());
        }
    }

    /** One look at the brokers for all the orgs of a turn: a bulk removal goes at tens of orgs a look. */
    private void retireIfStillDue(Map<String, Set<TopicPartition>> swept) throws Exception {
        // Read again: a review may have come through this dispatcher since the sweep, and an operator
        // may have added partitions; every partition there is now is checked.
        Map<String, Set<TopicPartition>> orgs = partitionsNow(swept);
        Set<TopicPartition> all = new HashSet<>();
        orgs.values().forEach(all::addAll);
        Map<TopicPartition, Long> newest = newestRecordTimes(all);
        Instant now = clock.instant();
        Map<String, String> stillDue = new HashMap<>();
        orgs.forEach((orgId, partitions) -> dueReason(orgId, partitions, newest, now)
                .ifPresent(reason -> stillDue.put(orgId, reason)));
        Set<TopicPartition> toCheck = new HashSet<>();
        stillDue.keySet().forEach(orgId -> toCheck.addAll(orgs.get(orgId)));
        Map<TopicPartition, String> waiting = drainCheck.waiting(toCheck);
        Set<String> topics = new HashSet<>();
        Map<String, String> removed = new HashMap<>();
        for (Map.Entry<String, String> org : stillDue.entrySet()) {
            Optional<String> why = orgs.get(org.getKey()).stream().map(waiting::get).filter(java.util.Objects::nonNull)
                    .findFirst();
            if (why.isPresent()) {
                kept().increment();
                log.info("Keeping the tenant topics of org {} although {}: {}", org.getKey(), org.getValue(), why.get());
            } else {
                orgs.get(org.getKey()).forEach(p -> topics.add(p.topic()));
                removed.put(org.getKey(), org.getValue());
            }
        }
        if (topics.isEmpty()) {
            return;
        }
        admin.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
        forget.accept(topics);
        removed.forEach((orgId, reason) -> {
            removed(configured.test(orgId)).increment();
            log.info("Removed the tenant topics of org {}: {}, and every review in them served", orgId, reason);
        });
    }

    private Map<String, Set<TopicPartition>> partitionsNow(Map<String, Set<TopicPartition>> swept) throws Exception {
        Set<String> topics = new HashSet<>();
        swept.values().forEach(partitions -> partitions.forEach(p -> topics.add(p.topic())));
        return TenantPartitions.byOrg(admin, topics);
    }

    private Optional<String> dueReason(String orgId, Set<TopicPartition> partitions, Map<TopicPartition, Long> newest,
            Instant now) {
        long newestMillis = partitions.stream().mapToLong(p -> newest.getOrDefault(p, -1L)).max().orElse(-1L);
        Instant lastWrite = newestMillis >= 0 ? Instant.ofEpochMilli(newestMillis)
                : seenWithoutRecords.computeIfAbsent(orgId, org -> now);
        return rule.due(configured.test(orgId), lastWrite, now);
    }

    /** The newest record time of each partition that has records (-1 for one without). */
    private Map<TopicPartition, Long> newestRecordTimes(Collection<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, OffsetSpec.maxTimestamp()));
        Map<TopicPartition, Long> newest = new HashMap<>();
        if (request.isEmpty()) {
            return newest;
        }
        admin.listOffsets(request).all().get(30, TimeUnit.SECONDS)
                .forEach((partition, info) -> newest.put(partition, info.timestamp()));
        return newest;
    }

    @Override
    public void close() {
        running = false;
        sweeper.interrupt();
        drainCheck.close();
    }
}
