package dev.byok.configstore.prices;

import dev.byok.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a million tokens of a model cost, as data: the catalog's models ship priced
 * ({@code prices.json}, with the day the prices were read), and an operator's file adds or
 * overrides entries. A model is looked up by provider and model id; failing that, by model id alone
 * (the same model reached through another provider, such as a gateway, is priced like the original
 * until the operator says otherwise).
 */
public final class PriceTable {

    private final LocalDate asOf;
    private final Map<String, Price> byProviderAndModel = new HashMap<>();
    private final Map<String, Price> byModel = new HashMap<>();

    private PriceTable(LocalDate asOf, List<Price> prices) {
        this.asOf = asOf;
        for (Price price : prices) {
            byProviderAndModel.put(price.provider() + "/" + price.model(), price);
            byModel.putIfAbsent(price.model(), price);
        }
    }

    /** The shipped prices, with {@code overrides} (a file of the same shape) laid over them when given. */
    public static PriceTable load(Optional<Path> overrides) {
        PriceFile shipped;
        try (InputStream in = PriceTable.class.getResourceAsStream("/prices.json")) {
            shipped = Json.lenient().readValue(in, PriceFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (overrides.isEmpty()) {
            return new PriceTable(shipped.asOf(), shipped.models());
        }
        PriceFile operator;
        try {
            operator = Json.strict().readValue(Files.readAllBytes(overrides.get()), PriceFile.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("BYOK_PRICES_FILE " + overrides.get() + " cannot be read: " + e.getMessage(),
                    e);
        }
        Map<String, Price> merged = new java.util.LinkedHashMap<>();
        shipped.models().forEach(p -> merged.put(p.provider() + "/" + p.model(), p));
        operator.models().forEach(p -> merged.put(p.provider() + "/" + p.model(), p));
        return new PriceTable(operator.asOf() != null ? operator.asOf() : shipped.asOf(), List.copyOf(merged.values()));
    }

    public LocalDate asOf() {
        return asOf;
    }

    public Optional<Price> priceOf(String provider, String model) {
        Price exact = byProviderAndModel.get(provider + "/" + model);
        return Optional.ofNullable(exact != null ? exact : byModel.get(model));
    }

    /**
     * The estimated cost in USD of {@code tokens} at {@code price}: the uncached part of the input at
     * the input price, the cached part at the cached price (the input price when none is given), the
     * output (reasoning included, as providers bill it) at the output price; six decimals.
     */
    public static BigDecimal cost(TokenCounts tokens, Price price) {
        long cached = Math.min(tokens.cachedTokens(), tokens.inputTokens());
        BigDecimal cachedPrice = price.cachedInputPerMillion() != null ? price.cachedInputPerMillion()
                : price.inputPerMillion();
        BigDecimal micro = price.inputPerMillion().multiply(BigDecimal.valueOf(tokens.inputTokens() - cached))
                .add(cachedPrice.multiply(BigDecimal.valueOf(cached)))
                .add(price.outputPerMillion().multiply(BigDecimal.valueOf(tokens.outputTokens())));
        return micro.divide(BigDecimal.valueOf(1_000_000), 6, RoundingMode.HALF_UP);
    }

    /** Prices of one model in USD per million tokens. */
    public record Price(String provider, String model, BigDecimal inputPerMillion, BigDecimal cachedInputPerMillion,
            BigDecimal outputPerMillion) {

        public Price {
            if (provider == null || model == null || inputPerMillion == null || outputPerMillion == null
                    || inputPerMillion.signum() < 0 || outputPerMillion.signum() < 0
                    || (cachedInputPerMillion != null && cachedInputPerMillion.signum() < 0)) {
                throw new IllegalArgumentException("a price needs provider, model and non-negative input and output "
                        + "prices per million tokens");
            }
        }
    }

    record PriceFile(LocalDate asOf, String currency, String note, List<Price> models) {
        PriceFile {
            models = models == null ? List.of() : List.copyOf(models);
        }
    }
}
