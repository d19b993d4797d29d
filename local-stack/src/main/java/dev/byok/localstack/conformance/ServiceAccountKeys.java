package dev.byok.localstack.conformance;

import dev.byok.model.Json;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Google service-account JSON keys for tests: a fresh RSA key in the shape of the file the Google
 * Cloud console downloads, whose {@code token_uri} points at the provider simulator's token endpoint
 * (the simulator issues access tokens for the key's {@code client_email}, which is what tests program).
 */
public final class ServiceAccountKeys {

    private ServiceAccountKeys() {
    }

    /** @param tokenUri the token endpoint, e.g. {@code simulator.rootUrl() + "/token"} */
    public static String json(String clientEmail, String project, String tokenUri) {
        KeyPairGenerator generator;
        try {
            generator = KeyPairGenerator.getInstance("RSA");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(generator.generateKeyPair().getPrivate()
                        .getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        Map<String, String> key = new LinkedHashMap<>();
        key.put("type", "service_account");
        key.put("project_id", project);
        key.put("private_key_id", Integer.toHexString(clientEmail.hashCode()));
        key.put("private_key", pem);
        key.put("client_email", clientEmail);
        key.put("client_id", "1" + Math.abs((long) clientEmail.hashCode()));
        key.put("token_uri", tokenUri);
        return Json.lenient().writeValueAsString(key);
    }

    /**
     * What a leak scan looks for besides the whole key: a line of the private key's base64, so a log
     * line that printed only the private key (or part of the JSON) is found too.
     */
    public static java.util.List<String> secretParts(String json) {
        String pem = Json.lenient().readTree(json).path("private_key").asString("");
        String[] lines = pem.split("\n");
        return lines.length > 3 ? java.util.List.of(json, lines[2]) : java.util.List.of(json);
    }

    /** Whether a conformance case's slot uses a service-account key (its credential is then generated per run). */
    public static boolean serviceAccountCase(tools.jackson.databind.JsonNode testCase) {
        tools.jackson.databind.JsonNode slot = testCase.path("slot");
        return "google_vertex".equals(slot.path("provider").asString(""))
                && !"api-key".equals(slot.path("cloud").path("auth").asString(""));
    }
}
