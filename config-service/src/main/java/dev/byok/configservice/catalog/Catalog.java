package dev.byok.configservice.catalog;

import dev.byok.model.CatalogEntry;
import dev.byok.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The recommended models, read once from {@code catalog.json} on the classpath: data, not code, so
 * a model or a plan changes without touching a rule. Plan ids are unique across the catalog, since
 * a slot names a plan by its id alone.
 */
public final class Catalog {

    private final List<CatalogEntry> entries;
    private final Map<String, PlanOf> plans = new HashMap<>();

    public Catalog(List<CatalogEntry> entries) {
        this.entries = List.copyOf(entries);
        for (CatalogEntry entry : entries) {
            for (CatalogEntry.Plan plan : entry.plans()) {
                if (plans.put(plan.id(), new PlanOf(entry, plan)) != null) {
                    throw new IllegalStateException("catalog plan id " + plan.id() + " is used twice");
                }
            }
        }
    }

    public static Catalog fromClasspath() {
        try (InputStream in = Catalog.class.getResourceAsStream("/catalog.json")) {
            if (in == null) {
                throw new IllegalStateException("catalog.json is missing from the classpath");
            }
            return new Catalog(Arrays.asList(Json.strict().readValue(in, CatalogEntry[].class)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read catalog.json", e);
        }
    }

    public List<CatalogEntry> entries() {
        return entries;
    }

    public Optional<PlanOf> plan(String id) {
        return Optional.ofNullable(plans.get(id));
    }

    /** A plan and the catalog entry (model, provider) it belongs to. */
    public record PlanOf(CatalogEntry entry, CatalogEntry.Plan plan) {
    }
}
