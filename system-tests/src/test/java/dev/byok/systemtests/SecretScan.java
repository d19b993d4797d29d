package dev.byok.systemtests;

import dev.byok.localstack.Stack;
import dev.byok.localstack.TopicScan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Looks for secrets, plain and base64, in every byte of every topic and in every service log of a stack. */
final class SecretScan {

    private SecretScan() {
    }

    /** Where each secret was found ("topic x", "log y"); empty when it appears nowhere. */
    static List<String> findings(Stack stack, List<String> secrets) {
        Map<String, List<byte[]>> topics = TopicScan.readEverything(stack.kafkaBootstrap());
        if (topics.isEmpty()) {
            throw new IllegalStateException("no topic could be read: the scan would prove nothing");
        }
        Map<Path, String> logs = new java.util.LinkedHashMap<>();
        for (Path log : stack.logFiles()) {
            try {
                logs.put(log, Files.readString(log));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<String> found = new ArrayList<>();
        for (String secret : secrets) {
            for (String form : List.of(secret, Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)))) {
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
            }
        }
        return found;
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
