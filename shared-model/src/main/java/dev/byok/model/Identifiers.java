package dev.byok.model;

/**
 * The identifier rules of CONTRACTS §1, in one place for every service. Checked character by
 * character rather than with a regular expression: the dispatcher and the workers check every
 * record, and a regex match was a tenth of the dispatcher's loop under a backlog.
 */
public final class Identifiers {

    static final int MAX_ORG_ID = 64;
    static final int MAX_REVIEW_ID = 128;

    private Identifiers() {
    }

    /** {@code [A-Za-z0-9][A-Za-z0-9-]*}, 1 to 64 characters. */
    public static boolean isValidOrgId(String orgId) {
        if (orgId == null || orgId.isEmpty() || orgId.length() > MAX_ORG_ID || !isAsciiLetterOrDigit(orgId.charAt(0))) {
            return false;
        }
        for (int i = 1; i < orgId.length(); i++) {
            char c = orgId.charAt(i);
            if (!isAsciiLetterOrDigit(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** {@code [A-Za-z0-9._:-]}, 1 to 128 characters. */
    public static boolean isValidReviewId(String reviewId) {
        if (reviewId == null || reviewId.isEmpty() || reviewId.length() > MAX_REVIEW_ID) {
            return false;
        }
        for (int i = 0; i < reviewId.length(); i++) {
            char c = reviewId.charAt(i);
            if (!isAsciiLetterOrDigit(c) && c != '.' && c != '_' && c != ':' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
