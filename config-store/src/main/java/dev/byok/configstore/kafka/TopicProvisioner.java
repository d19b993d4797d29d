package dev.byok.configstore.kafka;

import java.util.ArrayList;
import java.util.Collection;
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

    /** Makes sure every topic exists; returns once the broker has them. */
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
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + topic.name() + ": " + e.getCause().getMessage(),
                            e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topic " + topic.name(), e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("the broker did not create topic " + topic.name() + " within 30 s", e);
            }
            known.add(topic.name());
        }
    }
}
