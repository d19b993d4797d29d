package dev.byok.systemtests;

import dev.byok.localstack.ServiceProcess;
import dev.byok.localstack.Stack;
import dev.byok.localstack.TopicScan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Looks for secrets, plain and base64, in every byte of every topic, in every service log and in the
 * metrics (Prometheus output) of every running service of a stack.
 */
final class SecretScan {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private SecretScan() {
    }

    /** The forms a secret is looked for in: as it is, and base64 (as a byte array in JSON would be). */
    static List<String> forms(String secret) {
        return List.of(secret, Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * {@code /actuator/prometheus} of every running service, by service name. config-service's needs
     * an admin token (its metrics name every org); the others' are on their internal ports.
     */
    static Map<String, String> metrics(Stack stack) {
        String admin = stack.tokens().admin(Duration.ofMinutes(5));
        Map<String, String> out = new java.util.LinkedHashMap<>();
        List<ServiceProcess> services = new ArrayList<>(List.of(stack.configService(), stack.dispatcher()));
        services.addAll(stack.workers());
        for (ServiceProcess service : services) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(10));
            if (service == stack.configService()) {
                request.header("authorization", "Bearer " + admin);
            }
            try {
                HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(service.name() + " metrics: HTTP " + response.statusCode());
                }
                out.put(service.name(), response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** Where each secret was found ("topic x", "log y", "metrics z"); empty when it appears nowhere. */
    static List<String> findings(Stack stack, Collection<String> secrets) {
        Map<String, List<byte[]>> topics = TopicScan.readEverything(stack.kafkaBootstrap());
        if (topics.isEmpty()) {
            throw new IllegalStateException("no topic could be read: the scan would prove nothing");
        }
        Map<Path, String> logs = new java.util.LinkedHashMap<>();
        for (Path log : logFiles(stack)) {
            try {
                logs.put(log, Files.readString(log));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, String> metrics = metrics(stack);
        List<String> found = new ArrayList<>();
        for (String secret : secrets) {
            for (String form : forms(secret)) {
                byte[] needle = form.getBytes(StandardCharsets.UTF_8);
                topics.forEach((topic, chunks) -> {
                    if (chunks.stream().anyMatch(chunk -> indexOf(chunk, needle) >= 0)) {
                        found.add("topic " + topic);
                    }
                });
                logs.forEach((log, text) -> {
                    if (text.contains(form)) {
                        found.add("log " + log.getFileName());
                    }
                });
                metrics.forEach((service, text) -> {
                    if (text.contains(form)) {
                        found.add("metrics " + service);
                    }
                });
            }
        }
        return found;
    }

    /** The stack's service logs and any other log in its run directory (services a test started itself). */
    static List<Path> logFiles(Stack stack) {
        java.util.Set<Path> all = new java.util.LinkedHashSet<>();
        stack.logFiles().forEach(p -> all.add(p.toAbsolutePath()));
        try (java.util.stream.Stream<Path> files = Files.list(stack.runDir())) {
            files.filter(p -> p.getFileName().toString().endsWith(".log")).forEach(p -> all.add(p.toAbsolutePath()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(all);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
