package dev.byok.provider;

/**
 * A slot setting that cannot work on the provider's wire, so saving it must fail (HTTP 400).
 *
 * @param field the SlotConfig field at fault, dotted into customOptions where that helps
 *     ({@code customOptions.anthropic.thinking})
 * @param message what is wrong, in words a user can act on
 */
public record RuleError(String field, String message) {
}
