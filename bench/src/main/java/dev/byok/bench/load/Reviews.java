package dev.byok.bench.load;

import dev.byok.model.ChatMessage;
import dev.byok.model.Json;
import dev.byok.model.MessageRole;
import dev.byok.model.ReviewRequested;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Review requests as a client sends them: a system prompt and a unified diff of about the asked
 * size, varied enough that compression sees realistic text, not one repeated line. The diff starts
 * with {@code review <reviewId>} so a request captured by the simulator can be traced back.
 */
public final class Reviews {

    private static final Pattern MARKER = Pattern.compile("review ([A-Za-z0-9._:-]+)\\\\n");
    private static final String[] WORDS = {"repository", "order", "invoice", "customer", "cache", "tenant", "retry",
        "permit", "request", "session", "payload", "timeout", "result", "config", "slot", "record"};
    private static final String[] TYPES = {"String", "long", "int", "Duration", "Instant", "Optional<Order>",
        "List<Item>", "Map<String, Long>", "boolean"};

    private final String[] diffs;

    /** @param approxBytes size of each diff (the JSON request is a few hundred bytes larger) */
    public Reviews(int approxBytes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        diffs = new String[32];
        for (int i = 0; i < diffs.length; i++) {
            diffs[i] = diff(approxBytes, random);
        }
    }

    public ReviewRequested request(String reviewId, String orgId, int variant) {
        String diff = "review " + reviewId + "\n" + diffs[Math.floorMod(variant, diffs.length)];
        return new ReviewRequested(ReviewRequested.SCHEMA_VERSION, reviewId, orgId,
                List.of(new ChatMessage(MessageRole.SYSTEM, "You are a careful code reviewer. Point out bugs first."),
                        new ChatMessage(MessageRole.USER, diff)),
                Map.of("repository", orgId + "/api", "pullRequest", 4711), Instant.now());
    }

    public byte[] json(String reviewId, String orgId, int variant) {
        return Json.lenient().writeValueAsBytes(request(reviewId, orgId, variant));
    }

    /** The reviewId in a provider request body the simulator captured, or null. */
    public static String reviewIdIn(String capturedBody) {
        Matcher m = MARKER.matcher(capturedBody);
        return m.find() ? m.group(1) : null;
    }

    /** A unified diff of about {@code approxBytes} characters. */
    public static String diff(int approxBytes, SplittableRandom random) {
        StringBuilder out = new StringBuilder(approxBytes + 200);
        String file = WORDS[random.nextInt(WORDS.length)] + "/" + cap(WORDS[random.nextInt(WORDS.length)]) + "Service.java";
        out.append("diff --git a/src/main/java/").append(file).append(" b/src/main/java/").append(file).append('\n');
        out.append("index ").append(Long.toHexString(random.nextLong())).append("..")
                .append(Long.toHexString(random.nextLong())).append(" 100644\n");
        int line = 1 + random.nextInt(400);
        while (out.length() < approxBytes) {
            out.append("@@ -").append(line).append(",7 +").append(line).append(",9 @@\n");
            for (int i = 0; i < 9 && out.length() < approxBytes; i++) {
                char sign = i % 3 == 0 ? '+' : i % 3 == 1 ? ' ' : '-';
                String a = WORDS[random.nextInt(WORDS.length)];
                String b = WORDS[random.nextInt(WORDS.length)];
                out.append(sign).append("        ").append(TYPES[random.nextInt(TYPES.length)]).append(' ').append(a)
                        .append(cap(b)).append(random.nextInt(100)).append(" = ").append(b).append("Service.")
                        .append(a).append("For(").append(b).append("Id, ").append(random.nextInt(10_000))
                        .append("L);\n");
            }
            line += 20 + random.nextInt(80);
        }
        return out.toString();
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
