package dev.byok.provider.internal.rules;

import dev.byok.model.ProviderId;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One row of the capability table: what a family of models accepts.
 *
 * @param provider the slot provider the row applies to
 * @param model a pattern found in the lower-cased model id
 * @param thinking how thinking presets are expressed
 * @param temperature whether temperature is sent
 * @param maxOutputTokens the model's output limit, used to lower a default cap; null when unknown
 * @param levels the thinking levels a level-style model accepts, lowest first; empty for any
 * @param systemRole the role the system prompt is sent with on the OpenAI Responses API
 * @param refusesBudget whether the provider documents that the model refuses a manual thinking budget
 */
public record ModelCapability(ProviderId provider, Pattern model, ThinkingStyle thinking, TemperatureRule temperature,
        Integer maxOutputTokens, List<String> levels, String systemRole, boolean refusesBudget) {

    public ModelCapability {
        levels = List.copyOf(levels);
    }

    static ModelCapability row(ProviderId provider, String regex, ThinkingStyle thinking) {
        return new ModelCapability(provider, Pattern.compile(regex), thinking, TemperatureRule.KEEP, null, List.of(),
                "system", false);
    }

    ModelCapability temperature(TemperatureRule rule) {
        return new ModelCapability(provider, model, thinking, rule, maxOutputTokens, levels, systemRole, refusesBudget);
    }

    ModelCapability maxOutput(int tokens) {
        return new ModelCapability(provider, model, thinking, temperature, tokens, levels, systemRole, refusesBudget);
    }

    ModelCapability levels(String... supported) {
        return new ModelCapability(provider, model, thinking, temperature, maxOutputTokens, List.of(supported),
                systemRole, refusesBudget);
    }

    ModelCapability systemRole(String role) {
        return new ModelCapability(provider, model, thinking, temperature, maxOutputTokens, levels, role, refusesBudget);
    }

    ModelCapability refusingBudget() {
        return new ModelCapability(provider, model, thinking, temperature, maxOutputTokens, levels, systemRole, true);
    }

    boolean matches(ProviderId slotProvider, String modelId) {
        return provider == slotProvider && model.matcher(modelId).find();
    }
}
