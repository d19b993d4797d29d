package dev.byok.model;

import java.util.regex.Pattern;

/** The identifier rules of CONTRACTS §1, in one place for every service. */
public final class Identifiers {

    private static final Pattern ORG_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    private static final Pattern REVIEW_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private Identifiers() {
    }

    public static boolean isValidOrgId(String orgId) {
        return orgId != null && ORG_ID.matcher(orgId).matches();
    }

    public static boolean isValidReviewId(String reviewId) {
        return reviewId != null && REVIEW_ID.matcher(reviewId).matches();
    }
}
