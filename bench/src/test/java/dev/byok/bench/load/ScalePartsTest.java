package dev.byok.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.Test;

class ScalePartsTest {

    @Test
    void theMixHasAFewBusyOrgsATenthOccasionalAtMost300AndTheRestIdle() {
        assertThat(ScaleMix.of(9)).isEqualTo(new ScaleMix(9, 3, 0));
        assertThat(ScaleMix.of(1_000)).isEqualTo(new ScaleMix(1_000, 3, 99));
        ScaleMix tenThousand = ScaleMix.of(10_000);
        assertThat(tenThousand.occasional()).isEqualTo(300);
        assertThat(tenThousand.idle()).isEqualTo(9_697);
        // 3 busy orgs at 4/s and 300 orgs once a minute
        assertThat(tenThousand.ratePerSecond()).isEqualTo(17.0);
        assertThat(ScaleMix.of(2)).isEqualTo(new ScaleMix(2, 2, 0));
        assertThatThrownBy(() -> new ScaleMix(5, 3, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overAThousandReviewsEachBusyOrgAndEachOccasionalOrgGetsItsShare() {
        ScaleMix mix = ScaleMix.of(1_003); // 3 busy, 100 occasional: 12/s busy, 1.67/s occasional
        Map<Integer, Integer> reviews = new HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            reviews.merge(mix.sender(i), 1, Integer::sum);
        }
        assertThat(reviews.keySet()).allSatisfy(org -> assertThat(org).isBetween(0, 102));
        int busy = reviews.entrySet().stream().filter(e -> e.getKey() < 3).mapToInt(Map.Entry::getValue).sum();
        assertThat(busy).isEqualTo((int) Math.ceil(12 / mix.ratePerSecond() * 1000));
        assertThat(reviews.entrySet().stream().filter(e -> e.getKey() < 3).map(Map.Entry::getValue))
                .allSatisfy(n -> assertThat(n).isBetween(busy / 3 - 20, busy / 3 + 20));
        assertThat(reviews.keySet().stream().filter(org -> org >= 3).count()).as("every occasional org sends")
                .isEqualTo(100);
    }

    @Test
    void anIdleMixSendsNothing() {
        assertThatThrownBy(() -> ScaleMix.of(0).sender(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theTableHasAColumnPerOrgCountInOrderAndADashWhereNothingWasMeasured() {
        ScaleTable table = new ScaleTable().measure("first review p99 (ms)", "<= 5,000").measure("heap (MiB)", "");
        table.put(1_000, "first review p99 (ms)", "812").put(100, "first review p99 (ms)", "640")
                .put(100, "heap (MiB)", "61");
        String rendered = table.render("");
        assertThat(rendered.lines().toList()).containsExactly(
                "measure                100 orgs  1,000 orgs  target",
                "---------------------  --------  ----------  --------",
                "first review p99 (ms)       640         812  <= 5,000",
                "heap (MiB)                   61           -");
        assertThatThrownBy(() -> table.put(10, "unknown", "1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHeapAfterAGcIsReadFromJcmdsHeapInfo() {
        String jdk25 = "7451:\ngarbage-first heap   total reserved 6172672K, committed 704512K, used 376348K [0x0000000687400000,"
                + " 0x0000000800000000)\n region size 4096K, 28 young (114688K), 1 survivors (4096K)\n";
        assertThat(ProcessProbe.usedHeapBytes(jdk25)).hasValue(376_348L * 1024);
        String jdk21 = "garbage-first heap   total 262144K, used 45678K [0x00000000f0000000, 0x0000000100000000)";
        assertThat(ProcessProbe.usedHeapBytes(jdk21)).hasValue(45_678L * 1024);
        assertThat(ProcessProbe.usedHeapBytes("7451:\nno such command")).isEmpty();
    }

    @Test
    void redisMemoryIsUsedMemoryNotItsNeighbours() {
        String info = "# Memory\r\nused_memory:1234567\r\nused_memory_human:1.18M\r\nused_memory_rss:9999999\r\n";
        assertThat(ProcessProbe.usedMemory(info)).hasValue(1_234_567L);
        assertThat(ProcessProbe.usedMemory("# Memory\r\n")).isEmpty();
    }

    @Test
    void aGroupIsSettledWhenStableWithTheMembersExpectedOwningEveryPartition() {
        assertThat(new GroupSettle.Snapshot(GroupState.STABLE, 2, 800).settled(2, 800)).isTrue();
        assertThat(new GroupSettle.Snapshot(GroupState.PREPARING_REBALANCE, 2, 800).settled(2, 800)).isFalse();
        assertThat(new GroupSettle.Snapshot(GroupState.COMPLETING_REBALANCE, 2, 800).settled(2, 800)).isFalse();
        assertThat(new GroupSettle.Snapshot(GroupState.STABLE, 3, 800).settled(2, 800)).as("the dead member still counted")
                .isFalse();
        assertThat(new GroupSettle.Snapshot(GroupState.STABLE, 2, 796).settled(2, 800)).as("a partition not owned yet")
                .isFalse();
    }

    @Test
    void aScrapeHasOneSeriesPerSampleLine() {
        String scrape = "# HELP a_total x\n# TYPE a_total counter\na_total{org=\"1\"} 1.0\na_total{org=\"2\"} 2.0\n\nb 3\n";
        assertThat(Scale.series(scrape)).isEqualTo(3);
    }
}
