package dev.byok.cli;

import dev.byok.model.Attempt;
import dev.byok.model.ReviewOutcome;
import dev.byok.model.ReviewStatus;
import java.util.stream.Collectors;

/** One line per outcome, for people. Pure. */
final class Outcomes {

    private static final int CONTENT_CHARS = 80;

    private Outcomes() {
    }

    static String line(ReviewOutcome outcome) {
        StringBuilder line = new StringBuilder().append(outcome.completedAt()).append("  ").append(outcome.orgId())
                .append("  ").append(outcome.reviewId()).append("  ").append(outcome.status());
        if (outcome.status() == ReviewStatus.COMPLETED) {
            line.append("  by ").append(outcome.servedBy().wire()).append(' ').append(outcome.provider().wire())
                    .append('/').append(outcome.model());
        } else if (outcome.error() != null) {
            line.append("  ").append(outcome.error().code()).append(": ").append(oneLine(outcome.error().message()));
        }
        if (!outcome.attempts().isEmpty()) {
            line.append("  attempts ").append(outcome.attempts().stream().map(Outcomes::attempt)
                    .collect(Collectors.joining(", ")));
        }
        if (outcome.content() != null) {
            String content = oneLine(outcome.content());
            line.append("  \"").append(content.length() > CONTENT_CHARS ? content.substring(0, CONTENT_CHARS) + "…" : content)
                    .append('"');
        }
        return line.toString();
    }

    private static String attempt(Attempt attempt) {
        return attempt.slot().wire() + " " + attempt.outcome() + (attempt.httpStatus() == null ? "" : " " + attempt.httpStatus())
                + " " + attempt.latencyMs() + "ms";
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }
}
