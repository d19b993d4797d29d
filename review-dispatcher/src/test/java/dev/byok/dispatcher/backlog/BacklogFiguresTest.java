package dev.byok.dispatcher.backlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.model.Slot;
import dev.byok.model.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class BacklogFiguresTest {

    private static final TopicPartition ACME_MAIN_0 = new TopicPartition(Topics.tenantTopic("acme", Slot.MAIN), 0);
    private static final TopicPartition ACME_MAIN_1 = new TopicPartition(Topics.tenantTopic("acme", Slot.MAIN), 1);
    private static final TopicPartition ACME_FALLBACK_0 = new TopicPartition(Topics.tenantTopic("acme", Slot.FALLBACK), 0);
    private static final TopicPartition GLOBEX_MAIN_0 = new TopicPartition(Topics.tenantTopic("Globex", Slot.MAIN), 0);

    @Test
    void anOrgsBacklogIsWhatItsPartitionsHoldPastTheWorkersCommits() {
        Map<BacklogFigures.Lane, Long> waiting = BacklogFigures.waiting(
                Map.of(ACME_MAIN_0, 101L, ACME_MAIN_1, 41L, ACME_FALLBACK_0, 8L, GLOBEX_MAIN_0, 13L),
                Map.of(),
                Map.of(ACME_MAIN_0, 90L, ACME_MAIN_1, 40L, ACME_FALLBACK_0, 7L, GLOBEX_MAIN_0, 2L));

        assertThat(waiting).containsExactlyInAnyOrderEntriesOf(Map.of(
                new BacklogFigures.Lane("acme", Slot.MAIN), 10L,
                new BacklogFigures.Lane("Globex", Slot.MAIN), 10L));
    }

    /** The workers commit up to the last review; the commit marker after it is no review (as the live broker showed). */
    @Test
    void aDrainedPartitionEndingInItsCommitMarkerHasNoBacklog() {
        Map<BacklogFigures.Lane, Long> waiting = BacklogFigures.waiting(Map.of(ACME_MAIN_0, 12L, ACME_MAIN_1, 0L),
                Map.of(), Map.of(ACME_MAIN_0, 11L));

        assertThat(waiting).isEmpty();
    }

    @Test
    void aPartitionTheWorkersNeverCommittedCountsFromItsStartNotFromZero() {
        Map<BacklogFigures.Lane, Long> waiting = BacklogFigures.waiting(Map.of(ACME_MAIN_0, 501L),
                Map.of(ACME_MAIN_0, 480L), Map.of());

        assertThat(waiting).containsEntry(new BacklogFigures.Lane("acme", Slot.MAIN), 20L);
    }

    @Test
    void topicsThatAreNotTenantTopicsAreLeftOut() {
        Map<BacklogFigures.Lane, Long> waiting = BacklogFigures.waiting(
                Map.of(new TopicPartition(Topics.REVIEWS_REQUESTED, 0), 1000L), Map.of(), Map.of());

        assertThat(waiting).isEmpty();
    }

    @Test
    void aLaneHasASeriesOnlyWhileItHasABacklog() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        BacklogMeter meter = new BacklogMeter(null, registry, Duration.ofSeconds(30));
        BacklogFigures.Lane acme = new BacklogFigures.Lane("acme", Slot.MAIN);

        meter.update(Map.of(acme, 12L));
        assertThat(registry.get("byok.backlog.records").tag("org", "acme").tag("slot", "main").gauge().value())
                .isEqualTo(12.0);
        meter.update(Map.of(acme, 3L));
        assertThat(registry.get("byok.backlog.records").tag("org", "acme").gauge().value()).isEqualTo(3.0);
        meter.update(Map.of());
        assertThat(registry.find("byok.backlog.records").meters()).isEmpty();
    }
}
