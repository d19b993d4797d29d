package dev.byok.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

    /** CONTRACTS §1, as written there. */
    private static final Pattern ORG_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    private static final Pattern REVIEW_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final String ALPHABET = "aZ09-._:/ \u00e9\u0661\u212a\u0000\n";

    @Test
    void theRulesAreExactlyThoseOfTheContract() {
        List<String> samples = new ArrayList<>(List.of("", "a", "-a", "a-", "A", "9", "_", ".", "a".repeat(64),
                "a".repeat(65), "r".repeat(128), "r".repeat(129), "acme\u212a", "\u0661", "pr-4711-r1", "a:b.c_d-e"));
        Random random = new Random(20261201);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(4) == 0 ? 60 + random.nextInt(75) : random.nextInt(8);
            for (int j = 0; j < length; j++) {
                s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            samples.add(s.toString());
        }

        for (String sample : samples) {
            assertThat(Identifiers.isValidOrgId(sample)).as("orgId %s", sample).isEqualTo(ORG_ID.matcher(sample).matches());
            assertThat(Identifiers.isValidReviewId(sample)).as("reviewId %s", sample)
                    .isEqualTo(REVIEW_ID.matcher(sample).matches());
        }
        assertThat(Identifiers.isValidOrgId(null)).isFalse();
        assertThat(Identifiers.isValidReviewId(null)).isFalse();
    }
}
