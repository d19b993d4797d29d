package dev.byok.configstore;

import dev.byok.model.BaseUrls;
import dev.byok.model.OrgConfigChanged;
import dev.byok.model.ProviderId;
import dev.byok.model.Slot;
import dev.byok.model.SlotSettings;
import dev.byok.model.StoredSlot;
import dev.byok.model.ThinkingLevel;
import java.util.Optional;
import java.util.function.Function;

/**
 * A deployment-wide default main and fallback, set by the operator through environment variables
 * (the "fixed mode" of a self-hosted install), used for orgs without a config of their own. An
 * org's own config always wins, as a whole. The default's key comes from the environment of the
 * services that call providers and is never written to Kafka.
 *
 * <p>Variables, for {@code MAIN} and {@code FALLBACK}: {@code BYOK_DEFAULT_MAIN_PROVIDER},
 * {@code _MODEL}, {@code _BASE_URL}, {@code _API_KEY}, {@code _MAX_CONCURRENT_REQUESTS},
 * {@code _TEMPERATURE}, {@code _MAX_TOKENS}, {@code _THINKING}. A slot is defined when its
 * provider is set.
 */
public record DeploymentDefault(Optional<DefaultSlot> main, Optional<DefaultSlot> fallback) {

    public static final DeploymentDefault NONE = new DeploymentDefault(Optional.empty(), Optional.empty());

    /** The version every default config reports: it never changes while the service runs. */
    public static final long VERSION = 0;

    public boolean isPresent() {
        return main.isPresent() || fallback.isPresent();
    }

    public Optional<DefaultSlot> slot(Slot slot) {
        return slot == Slot.MAIN ? main : fallback;
    }

    /**
     * The default as the config an org without its own would have: settings only, no stored key
     * (the key stays in the environment), version {@link #VERSION}.
     */
    public Optional<OrgConfigChanged> asConfigOf(String orgId) {
        if (!isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new OrgConfigChanged(OrgConfigChanged.SCHEMA_VERSION, orgId, VERSION,
                main.map(DefaultSlot::asStored).orElse(null), fallback.map(DefaultSlot::asStored).orElse(null), null,
                null));
    }

    /**
     * Reads the variables through {@code env} (a Spring Environment, or System::getenv).
     *
     * @throws IllegalArgumentException naming the variable that is wrong: a bad default must stop
     *     the service at startup, not fail every review later
     */
    public static DeploymentDefault from(Function<String, String> env) {
        return new DeploymentDefault(slot(env, "MAIN"), slot(env, "FALLBACK"));
    }

    private static Optional<DefaultSlot> slot(Function<String, String> env, String name) {
        String prefix = "BYOK_DEFAULT_" + name + "_";
        String provider = blankToNull(env.apply(prefix + "PROVIDER"));
        if (provider == null) {
            return Optional.empty();
        }
        ProviderId providerId;
        try {
            providerId = ProviderId.fromWire(provider);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + "PROVIDER: " + e.getMessage());
        }
        String model = required(env, prefix + "MODEL");
        String baseUrl = blankToNull(env.apply(prefix + "BASE_URL"));
        if (baseUrl == null && BaseUrls.requiresBaseUrl(providerId)) {
            throw new IllegalArgumentException(prefix + "BASE_URL is required for provider " + provider);
        }
        String thinking = blankToNull(env.apply(prefix + "THINKING"));
        SlotSettings settings = new SlotSettings(providerId, model, baseUrl, null,
                number(env, prefix + "TEMPERATURE", Double::valueOf), number(env, prefix + "MAX_TOKENS", Integer::valueOf),
                thinking == null ? ThinkingLevel.OFF : ThinkingLevel.fromWire(thinking), null,
                number(env, prefix + "MAX_CONCURRENT_REQUESTS", Integer::valueOf), null,
                BaseUrls.effective(providerId, baseUrl));
        return Optional.of(new DefaultSlot(settings, blankToNull(env.apply(prefix + "API_KEY"))));
    }

    private static String required(Function<String, String> env, String name) {
        String value = blankToNull(env.apply(name));
        if (value == null) {
            throw new IllegalArgumentException(name + " is required when the slot's provider is set");
        }
        return value;
    }

    private static <T> T number(Function<String, String> env, String name, Function<String, T> parse) {
        String value = blankToNull(env.apply(name));
        try {
            return value == null ? null : parse.apply(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** One default slot: its settings and, where the environment provides it, its key. */
    public record DefaultSlot(SlotSettings settings, String apiKey) {

        StoredSlot asStored() {
            return new StoredSlot(settings, null, "…", null);
        }

        @Override
        public String toString() {
            return "DefaultSlot[settings=" + settings + ", apiKey=" + (apiKey == null ? "absent" : "<redacted>") + "]";
        }
    }
}
