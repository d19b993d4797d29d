package dev.byok.localstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.byok.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;

/**
 * A local stand-in for AWS KMS that speaks its JSON protocol (GenerateDataKey, Encrypt, Decrypt,
 * DescribeKey, over HTTP with {@code X-Amz-Target: TrentService.<Operation>}), so the real AWS SDK
 * can be tested without AWS. Like KMS, it binds the encryption context into every ciphertext and
 * refuses to decrypt under another context, answers with key ARNs whether a key was named by ARN,
 * bare id or alias, and can be told to throttle. It does not check request signatures, but
 * remembers the region they were signed for.
 */
public final class LocalKms implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final Map<String, byte[]> keys = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final Map<String, String> aliases = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> throttled = new ConcurrentHashMap<>();
    private volatile String lastSigningRegion;

    private LocalKms(HttpServer server) {
        this.server = server;
    }

    public static LocalKms start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            LocalKms kms = new LocalKms(server);
            server.createContext("/", kms::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return kms;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A new symmetric key; returns its ARN. */
    public String createKey() {
        String arn = "arn:aws:kms:us-east-1:000000000000:key/" + UUID.randomUUID();
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        keys.put(arn, key);
        return arn;
    }

    /** Names {@code arn} also {@code alias} (e.g. {@code alias/byok}), as KMS aliases do. */
    public void createAlias(String alias, String arn) {
        if (!keys.containsKey(arn)) {
            throw new IllegalArgumentException("no such key: " + arn);
        }
        aliases.put(alias, arn);
    }

    /** The next {@code times} calls of {@code operation} are answered with a ThrottlingException, as KMS does under load. */
    public void throttle(String operation, int times) {
        throttled.computeIfAbsent(operation, o -> new AtomicLong()).set(times);
    }

    /** The region of the last request's signature ({@code Credential=.../<region>/kms/aws4_request}), or null. */
    public String lastSigningRegion() {
        return lastSigningRegion;
    }

    /** How many times an operation (e.g. "Decrypt") was called. */
    public long calls(String operation) {
        return calls.getOrDefault(operation, new AtomicLong()).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
            calls.computeIfAbsent(operation, o -> new AtomicLong()).incrementAndGet();
            rememberRegion(exchange.getRequestHeaders().getFirst("Authorization"));
            JsonNode request = Json.lenient().readTree(exchange.getRequestBody().readAllBytes());
            Map<String, Object> response;
            try {
                AtomicLong throttles = throttled.get(operation);
                if (throttles != null && throttles.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new KmsError("ThrottlingException", "Rate exceeded");
                }
                response = switch (operation) {
                    case "GenerateDataKey" -> generateDataKey(request);
                    case "Encrypt" -> encrypt(request);
                    case "Decrypt" -> decrypt(request);
                    case "DescribeKey" -> describeKey(request);
                    default -> throw new KmsError("UnsupportedOperationException", "not supported: " + operation);
                };
            } catch (KmsError e) {
                reply(exchange, 400, Map.of("__type", e.type, "message", e.getMessage()));
                return;
            }
            reply(exchange, 200, response);
        }
    }

    private Map<String, Object> generateDataKey(JsonNode request) {
        byte[] dataKey = new byte[32];
        RANDOM.nextBytes(dataKey);
        String arn = arnOf(request.path("KeyId").asString());
        return Map.of("KeyId", arn, "Plaintext", b64(dataKey),
                "CiphertextBlob", b64(seal(arn, dataKey, context(request))));
    }

    private Map<String, Object> describeKey(JsonNode request) {
        String arn = arnOf(request.path("KeyId").asString());
        return Map.of("KeyMetadata", Map.of("KeyId", arn.substring(arn.lastIndexOf('/') + 1), "Arn", arn,
                "Enabled", true, "KeyState", "Enabled", "KeyUsage", "ENCRYPT_DECRYPT"));
    }

    private void rememberRegion(String authorization) {
        if (authorization == null) {
            return;
        }
        java.util.regex.Matcher scope = java.util.regex.Pattern.compile("Credential=[^/]+/[^/]+/([^/]+)/kms/")
                .matcher(authorization);
        if (scope.find()) {
            lastSigningRegion = scope.group(1);
        }
    }

    private Map<String, Object> encrypt(JsonNode request) {
        String arn = arnOf(request.path("KeyId").asString());
        byte[] plaintext = Base64.getDecoder().decode(request.path("Plaintext").asString());
        return Map.of("KeyId", arn, "CiphertextBlob", b64(seal(arn, plaintext, context(request))),
                "EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
    }

    private Map<String, Object> decrypt(JsonNode request) {
        ByteBuffer blob = ByteBuffer.wrap(Base64.getDecoder().decode(request.path("CiphertextBlob").asString()));
        byte[] arnBytes = new byte[blob.getShort()];
        blob.get(arnBytes);
        String arn = new String(arnBytes, StandardCharsets.UTF_8);
        String asked = request.path("KeyId").asString("");
        if (!asked.isEmpty() && !arnOf(asked).equals(arn)) {
            throw new KmsError("IncorrectKeyException", "the ciphertext was not made with " + asked);
        }
        byte[] sealed = new byte[blob.remaining()];
        blob.get(sealed);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.get(arn), "AES"),
                    new GCMParameterSpec(128, sealed, 0, 12));
            cipher.updateAAD(context(request));
            byte[] plaintext = cipher.doFinal(sealed, 12, sealed.length - 12);
            return Map.of("KeyId", arn, "Plaintext", b64(plaintext), "EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
        } catch (GeneralSecurityException e) {
            throw new KmsError("InvalidCiphertextException", "the ciphertext or its encryption context is wrong");
        }
    }

    private byte[] seal(String arn, byte[] plaintext, byte[] context) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.get(arn), "AES"), new GCMParameterSpec(128, iv));
            cipher.updateAAD(context);
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] arnBytes = arn.getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(2 + arnBytes.length + 12 + sealed.length).putShort((short) arnBytes.length)
                    .put(arnBytes).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String arnOf(String keyId) {
        if (keys.containsKey(keyId)) {
            return keyId;
        }
        String alias = keyId.contains(":alias/") ? keyId.substring(keyId.indexOf(":alias/") + 1) : keyId;
        if (aliases.containsKey(alias)) {
            return aliases.get(alias);
        }
        return keys.keySet().stream().filter(arn -> arn.endsWith("/" + keyId)).findFirst()
                .orElseThrow(() -> new KmsError("NotFoundException", "no such key: " + keyId));
    }

    private static byte[] context(JsonNode request) {
        Map<String, String> context = new TreeMap<>();
        request.path("EncryptionContext").properties().forEach(e -> context.put(e.getKey(), e.getValue().asString()));
        return context.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static void reply(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] json = Json.lenient().writeValueAsBytes(new LinkedHashMap<>(body));
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, json.length);
        exchange.getResponseBody().write(json);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static final class KmsError extends RuntimeException {
        private final String type;

        KmsError(String type, String message) {
            super(message, null, false, false);
            this.type = type;
        }
    }
}
