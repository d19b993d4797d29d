package dev.byok.configservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.byok.configservice.catalog.Catalog;
import dev.byok.model.CatalogEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Holds every catalog card and plan against the facts table of the BYOK doc, copied verbatim into
 * this repository as test data ({@code src/test/resources/catalog-facts.md}): model id, provider,
 * context window, where the key is made, and each plan's endpoint, key page and concurrency.
 */
class CatalogFactsTest {

    private static final Map<String, String> PROVIDERS = Map.of("Anthropic", "anthropic", "Google Gemini",
            "google_gemini", "OpenAI", "openai");

    private final Catalog catalog = Catalog.fromClasspath();

    @Test
    void everyCardStatesTheDocsModelProviderContextAndKeyPage() throws IOException {
        List<List<String>> cards = table("| card |");
        assertThat(cards).hasSize(6);
        for (List<String> row : cards) {
            String model = unquote(row.get(2));
            CatalogEntry entry = catalog.entries().stream().filter(e -> e.model().equals(model)).findFirst()
                    .orElseThrow(() -> new AssertionError("no card for " + model));
            String provider = row.get(1);
            assertThat(entry.provider().wire()).as(model + " provider").isEqualTo(
                    provider.startsWith("OpenAI-compatible") ? "openai_compatible" : PROVIDERS.get(provider));
            if (!row.get(3).startsWith("(not stated)")) {
                assertThat(tokens(row.get(3))).as(model + " context window " + row.get(3))
                        .contains(entry.contextWindow());
            }
            List<String> keyPages = Arrays.stream(row.get(4).split(" or ")).map(String::trim).toList();
            assertThat(withoutScheme(entry.apiKeyUrl())).as(model + " key page").isEqualTo(keyPages.getFirst());
        }
    }

    @Test
    void everyPlanLinksToWhereItsKeyIsMadeAndCarriesItsEndpointAndConcurrency() throws IOException {
        List<List<String>> plans = table("| model | plan |");
        assertThat(plans).hasSize(4);
        for (List<String> row : plans) {
            String endpoint = unquote(row.get(2));
            CatalogEntry.Plan plan = catalog.entries().stream().flatMap(e -> e.plans().stream())
                    .filter(p -> p.baseUrl().equals(endpoint)).findFirst()
                    .orElseThrow(() -> new AssertionError("no plan at " + endpoint));
            assertThat(withoutScheme(plan.apiKeyUrl())).as(endpoint + " key page").isEqualTo(row.get(3));
            String cap = row.get(4);
            Integer expected = cap.startsWith("none") ? null : Integer.valueOf(cap.split(" ")[0]);
            assertThat(plan.maxConcurrentRequests()).as(endpoint + " concurrency").isEqualTo(expected);
        }
    }

    /** "200K" or "1M" in tokens, decimal or binary (Gemini states 1,048,576 as "1M"). */
    private static List<Integer> tokens(String size) {
        int n = Integer.parseInt(size.substring(0, size.length() - 1));
        return size.endsWith("M") ? List.of(n * 1_000_000, n * 1_048_576) : List.of(n * 1_000, n * 1_024);
    }

    private static String withoutScheme(String url) {
        return url == null ? null : url.replaceFirst("^https://", "");
    }

    private static String unquote(String cell) {
        return cell.replace("`", "");
    }

    /** The rows of the markdown table whose header line starts with {@code header}. */
    private static List<List<String>> table(String header) throws IOException {
        String text;
        try (InputStream in = CatalogFactsTest.class.getResourceAsStream("/catalog-facts.md")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<List<String>> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : text.lines().toList()) {
            if (line.startsWith(header)) {
                inTable = true;
            } else if (inTable && line.startsWith("|---")) {
                continue;
            } else if (inTable && line.startsWith("|")) {
                rows.add(Arrays.stream(line.substring(1, line.length() - 1).split("\\|")).map(String::trim).toList());
            } else if (inTable) {
                break;
            }
        }
        return rows;
    }
}
