package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.localstack.ByokApi;
import dev.byok.localstack.ReviewTraffic;
import dev.byok.localstack.Stack;
import dev.byok.model.ReviewRequested;
import dev.byok.simulator.KeyBehaviour;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the system tests do to set an org up and send it reviews, with a memory of every key and
 * every review used, so the last test can check that each review got exactly one outcome and that
 * no key leaked anywhere.
 */
final class TestOrgs {

    /**
     * Every key handed to any system by any test in this JVM: {@link Slots#newKey} adds each key it
     * makes; a test that makes a key another way adds it itself.
     */
    static final java.util.Set<String> KEYS_USED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Every review requested by any test in this JVM. */
    static final List<String> REVIEWS_SENT = new CopyOnWriteArrayList<>();
    private static final java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> SENT_PER_ORG =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Stack stack;
    private final ByokApi admin;

    TestOrgs(Stack stack) {
        this.stack = stack;
        this.admin = stack.api(stack.tokens().admin(Duration.ofHours(2)));
    }

    /** A fresh key that the simulator answers with {@code behaviour}. */
    String key(KeyBehaviour behaviour) {
        String key = Slots.newKey();
        stack.simulator().program(key, behaviour);
        return key;
    }

    /** Saves an OpenAI-compatible slot on the simulator and checks the answer holds no key. */
    void save(String org, String slot, String key, Integer cap) {
        save(org, slot, key, cap, "glm-5.1");
    }

    void save(String org, String slot, String key, Integer cap, String model) {
        saveJson(org, slot, key, Slots.compatible(stack.simulatorBaseUrl(), model, key, cap));
    }

    /** Saves a slot given as JSON that holds {@code key}. */
    void saveJson(String org, String slot, String key, String json) {
        ByokApi.Response saved = admin.putSlot(org, slot, json);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.body()).doesNotContain(key);
    }

    ByokApi admin() {
        return admin;
    }

    /** Sends {@code count} reviews for the org at once (one flush, not a round trip each) and returns their ids. */
    List<String> sendAll(ReviewTraffic traffic, String org, int count) {
        java.util.concurrent.atomic.AtomicInteger numbers = SENT_PER_ORG.computeIfAbsent(org,
                o -> new java.util.concurrent.atomic.AtomicInteger());
        List<ReviewRequested> requests = new java.util.ArrayList<>();
        for (int n = 0; n < count; n++) {
            int i = numbers.getAndIncrement();
            requests.add(ReviewTraffic.request(org + "-r" + i, org, "diff --git a/f" + i + " b/f" + i));
        }
        requests.forEach(r -> REVIEWS_SENT.add(r.reviewId()));
        traffic.sendAll(requests);
        return requests.stream().map(ReviewRequested::reviewId).toList();
    }

    /** Sends {@code count} reviews for the org, ids {@code <org>-r<n>} numbered on from earlier sends, and returns the ids. */
    List<String> send(ReviewTraffic traffic, String org, int count) {
        List<String> ids = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger numbers = SENT_PER_ORG.computeIfAbsent(org,
                o -> new java.util.concurrent.atomic.AtomicInteger());
        for (int n = 0; n < count; n++) {
            int i = numbers.getAndIncrement();
            ReviewRequested request = ReviewTraffic.request(org + "-r" + i, org, "diff --git a/f" + i + " b/f" + i);
            REVIEWS_SENT.add(request.reviewId());
            traffic.send(request);
            ids.add(request.reviewId());
        }
        return ids;
    }
}
