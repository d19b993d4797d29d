package dev.byok.configstore.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates topics that are missing and remembers which ones exist, so the hot path (the dispatcher
 * seeing an org again) costs a map lookup, not a broker round trip.
 */
public final class TopicProvisioner {

    private final Admin admin;
    private final Optional<Short> replicationFactor;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /** @param replicationFactor empty to use the broker's default */
    public TopicProvisioner(Admin admin, Optional<Short> replicationFactor) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
    }

    public boolean isKnown(String topic) {
        return known.contains(topic);
    }

    /** These topics were removed: the next {@link #ensure} makes them again. */
    public void forget(Collection<String> topics) {
        known.removeAll(topics);
    }

    /** What is known of these topics may be stale (another instance may have removed them). */
    public void forgetIf(java.util.function.Predicate<String> topics) {
        known.removeIf(topics);
    }

    /**
     * Makes sure every topic exists; returns once the broker has them.
     *
     * @throws BrokerUnavailableException when the broker could not do it now (retry later)
     * @throws TopicRefusedException when the broker refused a topic
     */
    public void ensure(Collection<TopicSpec> specs) {
        List<NewTopic> missing = new ArrayList<>();
        for (TopicSpec spec : specs) {
            if (!known.contains(spec.name())) {
                missing.add(new NewTopic(spec.name(), Optional.of(spec.partitions()), replicationFactor)
                        .configs(spec.configs()));
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        CreateTopicsResult result = admin.createTopics(missing);
        for (NewTopic topic : missing) {
            try {
                result.values().get(topic.name()).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RetriableException || e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                    throw new BrokerUnavailableException("the broker could not create topic " + topic.name() + " now: "
                            + e.getCause().getMessage(), e.getCause());
                }
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new TopicRefusedException("the broker refused to create topic " + topic.name() + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BrokerUnavailableException("interrupted while creating topic " + topic.name(), e);
            } catch (TimeoutException e) {
                throw new BrokerUnavailableException("the broker did not create topic " + topic.name() + " within 30 s", e);
            }
        }
        awaitLeaders(missing);
        missing.forEach(topic -> known.add(topic.name()));
    }

    /**
     * A created topic is in the metadata before its partitions are open on their leaders; the first
     * writes in between fail and are retried. Listing the offsets of every partition succeeds only
     * once each leader serves it, so afterwards producers go straight through.
     */
    private void awaitLeaders(List<NewTopic> topics) {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (NewTopic topic : topics) {
            for (int p = 0; p < topic.numPartitions(); p++) {
                partitions.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                admin.listOffsets(partitions).all().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new BrokerUnavailableException("the partitions of " + topics.stream().map(NewTopic::name).toList()
                            + " did not get a leader within 30 s", notYet);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BrokerUnavailableException("interrupted while waiting for new topics", e);
            }
        }
    }
}
