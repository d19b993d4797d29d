package dev.byok.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.model.ErrorCode;
import dev.byok.model.OrgConfigChanged;
import dev.byok.model.Slot;
import dev.byok.model.StoredSlot;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class IngressRouterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
    private static final StoredSlot SLOT = new StoredSlot(null, null, "…", CLOCK.instant());
    private final IngressRouter router = new IngressRouter(new RequestReader(1024), CLOCK);

    @Test
    void aForwardReadFromAnotherPartitionThanItsOrgsGoesBackToTheOrgsPartitionFirst() {
        IngressRouter.Forward forward = new IngressRouter.Forward("acme", "r1", Slot.MAIN);
        int own = dev.byok.dispatcher.topics.IngressOwnership.partitionOf("acme", 3);

        assertThat(router.ownedBy(forward, own, 3)).isEqualTo(forward);
        assertThat(router.ownedBy(forward, (own + 1) % 3, 3)).isEqualTo(new IngressRouter.Rekey("acme", "r1", own));
        assertThat(router.ownedBy(forward, 0, 1)).as("one partition: always its own").isEqualTo(forward);
    }

    @Test
    void answersAndDeadLettersStayWhereverTheyWereRead() {
        IngressRouter.Route fail = route(request("r1", "ghost", "user"), org -> Optional.empty());
        IngressRouter.Route dead = route(request("r1", "acme", "assistant"), org -> config(org, SLOT, SLOT));
        int notGhosts = (dev.byok.dispatcher.topics.IngressOwnership.partitionOf("ghost", 3) + 1) % 3;
        int notAcmes = (dev.byok.dispatcher.topics.IngressOwnership.partitionOf("acme", 3) + 1) % 3;

        assertThat(router.ownedBy(fail, notGhosts, 3)).isSameAs(fail);
        assertThat(router.ownedBy(dead, notAcmes, 3)).isSameAs(dead);
    }

    @Test
    void aValidRequestOfAConfiguredOrgGoesToItsMainTopic() {
        IngressRouter.Route route = route(request("r1", "acme", "user"), org -> config(org, SLOT, SLOT));

        assertThat(route).isEqualTo(new IngressRouter.Forward("acme", "r1", Slot.MAIN));
    }

    @Test
    void anOrgWithOnlyAFallbackIsServedByItDirectly() {
        IngressRouter.Route route = route(request("r1", "acme", "user"), org -> config(org, null, SLOT));

        assertThat(route).isEqualTo(new IngressRouter.Forward("acme", "r1", Slot.FALLBACK));
    }

    @Test
    void anOrgWithoutConfigGetsBYOK_NOT_CONFIGURED() {
        IngressRouter.Route route = route(request("r1", "ghost", "user"), org -> Optional.empty());

        assertThat(route).isInstanceOfSatisfying(IngressRouter.Fail.class, fail -> {
            assertThat(fail.outcome().error().code()).isEqualTo(ErrorCode.BYOK_NOT_CONFIGURED);
            assertThat(fail.outcome().reviewId()).isEqualTo("r1");
            assertThat(fail.outcome().completedAt()).isEqualTo(CLOCK.instant());
        });
    }

    @Test
    void aRuleBreakingRequestWithUsableIdsIsDeadLetteredAndGetsAnINVALID_REQUESTOutcome() {
        IngressRouter.Route route = route(request("r1", "acme", "assistant"), org -> config(org, SLOT, SLOT));

        assertThat(route).isInstanceOfSatisfying(IngressRouter.DeadLetter.class, dead -> {
            assertThat(dead.reason()).contains("at least one user message");
            assertThat(dead.outcome()).hasValueSatisfying(o -> {
                assertThat(o.error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                assertThat(o.error().message()).contains("at least one user message");
            });
        });
    }

    @Test
    void anInvalidOrgIdIsAnsweredWithoutEverNamingATopic() {
        IngressRouter.Route route = route(request("r1", "bad.org", "user"), org -> config(org, SLOT, SLOT));

        assertThat(route).isInstanceOf(IngressRouter.DeadLetter.class);
    }

    @Test
    void bytesThatAreNotJsonGoToTheDeadLetterTopicWithoutAnOutcome() {
        IngressRouter.Route route = router.route(router.read("{not json".getBytes(StandardCharsets.UTF_8)),
                org -> Optional.empty());

        assertThat(route).isInstanceOfSatisfying(IngressRouter.DeadLetter.class, dead -> {
            assertThat(dead.reason()).startsWith("not a valid ReviewRequested");
            assertThat(dead.outcome()).isEmpty();
        });
    }

    @Test
    void wrongTypesWithReadableIdsGoToTheDeadLetterTopicAndGetAnOutcome() {
        String json = """
                {"schemaVersion":1,"reviewId":"r9","orgId":"acme","messages":"not a list"}""";

        IngressRouter.Route route = router.route(router.read(json.getBytes(StandardCharsets.UTF_8)), org -> Optional.empty());

        assertThat(route).isInstanceOfSatisfying(IngressRouter.DeadLetter.class, dead -> assertThat(dead.outcome())
                .hasValueSatisfying(o -> assertThat(o.error().code()).isEqualTo(ErrorCode.INVALID_REQUEST)));
    }

    @Test
    void aReviewOverTheSizeLimitFailsWithTheSizesInTheMessage() {
        String big = request("r1", "acme", "user").replace("diff", "x".repeat(2000));

        IngressRouter.Route route = route(big, org -> config(org, SLOT, SLOT));

        assertThat(route).isInstanceOfSatisfying(IngressRouter.Fail.class,
                fail -> assertThat(fail.outcome().error().message()).contains("the limit is 0.0 MiB"));
    }

    @Test
    void metadataMustBeFlat() {
        String nested = """
                {"schemaVersion":1,"reviewId":"r1","orgId":"acme","messages":[{"role":"user","content":"d"}],
                 "metadata":{"nested":{"a":1}}}""";

        IngressRouter.Route route = route(nested, org -> config(org, SLOT, SLOT));

        assertThat(route).isInstanceOfSatisfying(IngressRouter.DeadLetter.class,
                dead -> assertThat(dead.outcome().orElseThrow().error().message()).contains("metadata.nested"));
    }

    @Test
    void aMessageContentMustBeAStringAsTheSchemaSays() {
        String template = """
                {"schemaVersion":1,"reviewId":"r1","orgId":"acme","messages":[{"role":"user","content":%s}]}""";
        Function<String, Optional<OrgConfigChanged>> configured = org -> config(org, SLOT, SLOT);

        assertThat(route(template.formatted("\"a \\\"quoted\\\" diff \\u00e9\""), configured))
                .isEqualTo(new IngressRouter.Forward("acme", "r1", Slot.MAIN));
        assertThat(route(template.formatted("null"), configured)).isInstanceOfSatisfying(IngressRouter.DeadLetter.class,
                dead -> assertThat(dead.reason()).contains("messages[0] needs a role and a content"));
        for (String notAString : new String[] {"42", "1.5", "true", "{\"text\":\"d\"}", "[\"d\"]"}) {
            assertThat(route(template.formatted(notAString), configured)).as(notAString)
                    .isInstanceOfSatisfying(IngressRouter.DeadLetter.class, dead -> {
                        assertThat(dead.reason()).startsWith("not a valid ReviewRequested");
                        assertThat(dead.outcome()).hasValueSatisfying(
                                o -> assertThat(o.error().code()).isEqualTo(ErrorCode.INVALID_REQUEST));
                    });
        }
    }

    private IngressRouter.Route route(String json, Function<String, Optional<OrgConfigChanged>> configs) {
        return router.route(router.read(json.getBytes(StandardCharsets.UTF_8)), configs);
    }

    private static String request(String reviewId, String orgId, String role) {
        return """
                {"schemaVersion":1,"reviewId":"%s","orgId":"%s","messages":[{"role":"%s","content":"diff"}],
                 "metadata":{"pullRequest":1},"requestedAt":"2026-11-26T12:00:00Z"}""".formatted(reviewId, orgId, role);
    }

    private static Optional<OrgConfigChanged> config(String org, StoredSlot main, StoredSlot fallback) {
        return Optional.of(new OrgConfigChanged(1, org, 1, main, fallback, CLOCK.instant(), "w"));
    }
}
