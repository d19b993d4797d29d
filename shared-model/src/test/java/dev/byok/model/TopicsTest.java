package dev.byok.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void orgsThatDifferOnlyByCaseGetTopicsThatDifferBeyondCase() {
        String lower = Topics.tenantTopic("acme", Slot.MAIN);
        String upper = Topics.tenantTopic("Acme", Slot.MAIN);

        assertThat(lower).isEqualTo("byok.tenant.acme.main");
        assertThat(upper).isEqualTo("byok.tenant._acme.main");
        assertThat(lower.equalsIgnoreCase(upper)).isFalse();
        assertThat(upper).isLowerCase();
    }

    @Test
    void tenantTopicNamesRoundTripToTheirOrgAndSlot() {
        for (String org : new String[] {"acme", "Acme", "ACME-42", "a", "x".repeat(64), "Z".repeat(64)}) {
            for (Slot slot : Slot.values()) {
                String topic = Topics.tenantTopic(org, slot);
                assertThat(Topics.parseTenantTopic(topic)).contains(new Topics.TenantTopic(org, slot));
                assertThat(topic.length()).isLessThanOrEqualTo(249);
                assertThat(topic).matches("[a-z0-9._-]+");
            }
        }
    }

    @Test
    void namesThatAreNotTenantTopicsAreNotMistakenForOne() {
        assertThat(Topics.parseTenantTopic(Topics.REVIEWS_REQUESTED)).isEmpty();
        assertThat(Topics.parseTenantTopic("byok.tenant.acme_.main")).isEmpty();
        assertThat(Topics.parseTenantTopic("byok.tenant.-acme.main")).isEmpty();
        assertThat(Topics.parseTenantTopic("byok.tenant.acme.other")).isEmpty();
    }

    @Test
    void invalidOrgIdsNeverBecomeTopics() {
        assertThatThrownBy(() -> Topics.tenantTopic("acme.evil", Slot.MAIN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.tenantTopic("-acme", Slot.MAIN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.tenantTopic("x".repeat(65), Slot.MAIN)).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"byok.tenant._1.main", "byok.tenant.acme_-x.main",
            "byok.tenant.a_1b.fallback", "byok.tenant._-.main", "byok.tenant.acme_.main", "byok.tenant.__a.main"})
    void onlyTheCanonicalNameOfAnOrgIsItsTenantTopic(String topic) {
        assertThat(Topics.parseTenantTopic(topic)).as(topic).isEmpty();
    }

    @Test
    void everyCanonicalNameParsesBackToItsOrg() {
        for (String org : java.util.List.of("1", "acme", "Acme", "ACME-corp-9", "a-B-c")) {
            for (Slot slot : Slot.values()) {
                assertThat(Topics.parseTenantTopic(Topics.tenantTopic(org, slot)))
                        .contains(new Topics.TenantTopic(org, slot));
            }
        }
    }
}
