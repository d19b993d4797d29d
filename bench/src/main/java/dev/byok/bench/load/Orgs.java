package dev.byok.bench.load;

import dev.byok.localstack.ByokApi;
import dev.byok.localstack.Stack;
import dev.byok.simulator.KeyBehaviour;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/** Fresh orgs and simulator keys for each run, so no run sees another's state; slots saved through the REST API. */
public final class Orgs {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Stack stack;
    private final ByokApi api;

    public Orgs(Stack stack) {
        this.stack = stack;
        this.api = stack.api(stack.tokens().admin(Duration.ofHours(12)));
    }

    public static String newOrgId(String label) {
        return label + "-" + HexFormat.of().formatHex(bytes(4));
    }

    /** A new API key behaving as {@code behaviour} on the simulator. */
    public String key(KeyBehaviour behaviour) {
        String key = "sk-bench-" + HexFormat.of().formatHex(bytes(16));
        stack.simulator().program(key, behaviour);
        return key;
    }

    /** Saves a slot on the simulator's OpenAI-compatible endpoint; {@code apiKey} null keeps the stored key. */
    public void save(String orgId, String slot, String model, String apiKey, Integer cap) {
        String json = "{\"provider\":\"openai_compatible\",\"model\":\"" + model + "\",\"baseUrl\":\""
                + stack.simulatorBaseUrl() + "\"" + (apiKey == null ? "" : ",\"apiKey\":\"" + apiKey + "\"")
                + ",\"maxConcurrentRequests\":" + (cap == null ? "null" : cap) + "}";
        ByokApi.Response response = api.putSlot(orgId, slot, json);
        if (response.status() != 200) {
            throw new IllegalStateException("saving " + slot + " of " + orgId + " failed: HTTP " + response.status()
                    + " " + response.body());
        }
    }

    public void delete(String orgId, String slot) {
        ByokApi.Response response = api.deleteSlot(orgId, slot);
        if (response.status() != 204) {
            throw new IllegalStateException("deleting " + slot + " of " + orgId + " failed: HTTP " + response.status());
        }
    }

    /**
     * Sends one review per org and waits for its outcome: the org's tenant topics then exist, every
     * worker has its partitions, its permits are sized and connections are open. Runs measure
     * steady state, not an org's first review.
     */
    public void prime(LoadClient client, Reviews reviews, List<String> orgIds) {
        List<String> ids = orgIds.stream().map(org -> org + "-prime").toList();
        for (String org : orgIds) {
            client.send(org, org + "-prime", reviews.json(org + "-prime", org, 0));
        }
        client.flush();
        if (!client.awaitAll(ids, Duration.ofSeconds(90))) {
            throw new IllegalStateException("priming reviews did not finish within 90 s: " + orgIds);
        }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
