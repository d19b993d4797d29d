package dev.byok.systemtests;

import dev.byok.localstack.ServiceProcess;
import dev.byok.localstack.Stack;
import dev.byok.localstack.TopicScan;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.TreeMap;
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

    /**
     * Where each secret was found ("topic x", "log y", "metrics z"); empty when it appears nowhere.
     * Every byte is read once, whatever the number of secrets: topics as they are read from the broker,
     * logs as streams.
     */
    static List<String> findings(Stack stack, Collection<String> secrets) {
        NeedleSearch search = new NeedleSearch(secrets.stream().flatMap(secret -> forms(secret).stream()).toList());
        Map<String, BitSet> inTopics = new TreeMap<>();
        TopicScan.forEachChunk(stack.kafkaBootstrap(), (topic, chunk) ->
                search.findInto(chunk, inTopics.computeIfAbsent(topic, t -> new BitSet())));
        if (inTopics.isEmpty()) {
            throw new IllegalStateException("no topic could be read: the scan would prove nothing");
        }
        Map<String, BitSet> everywhere = new LinkedHashMap<>();
        inTopics.forEach((topic, found) -> everywhere.put("topic " + topic, found));
        for (Path log : logFiles(stack)) {
            everywhere.put("log " + log.getFileName(), searchFile(search, log));
        }
        metrics(stack).forEach((service, text) ->
                everywhere.put("metrics " + service, search.find(text.getBytes(StandardCharsets.UTF_8))));
        List<String> found = new ArrayList<>();
        everywhere.forEach((place, needles) -> needles.stream().forEach(needle -> found.add(place)));
        return found;
    }

    private static BitSet searchFile(NeedleSearch search, Path file) {
        NeedleSearch.Run run = search.start();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                run.feed(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return run.found();
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
}
