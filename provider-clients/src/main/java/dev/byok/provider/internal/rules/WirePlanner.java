package dev.byok.provider.internal.rules;

import dev.byok.model.ProviderId;
import dev.byok.model.SlotSettings;
import dev.byok.model.ThinkingLevel;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a slot's settings into a {@link WirePlan}: preset or custom options to one namespace block,
 * OpenRouter routing into it, the block to wire fields, then the capability rules. Pure; used at
 * save time (through {@code SlotRules}) and for every call.
 */
public final class WirePlanner {

    private WirePlanner() {
    }

    public static WirePlan plan(SlotSettings settings) {
        Findings findings = new Findings();
        ProviderId provider = settings.provider();
        if (provider == null) {
            findings.error("provider", "is required");
            return new WirePlan(null, null, null, JsonTrees.object(), Map.of(), null, findings.warnings(),
                    findings.errors());
        }
        String model = settings.model() == null ? "" : settings.model();
        ProviderWire wire = ProviderWire.of(settings);
        ModelCapability capability = Capabilities.lookup(provider, model);
        CustomOptions.Resolved options = options(settings, capability, wire, model, findings);
        ObjectNode block = OptionChecks.check(wire.namespace(), options.block(), options.field(), findings);
        if (provider == ProviderId.OPEN_ROUTER) {
            block = OpenRouterRouting.apply(block, options.field(), settings.openRouter(), findings);
        } else if (settings.openRouter() != null) {
            findings.warn("openRouter pins only apply to open_router slots and are ignored");
        }
        WireFragment fragment = OptionTranslator.translate(Vocabularies.forName(wire.vocabulary()), block,
                options.field(), findings);
        ObjectNode extras = fragment.body();
        boolean reasoningModel = capability.thinking() == ThinkingStyle.OPENAI_EFFORT;
        if (wire.responsesApi()) {
            ResponsesOptionRules.apply(extras, model, reasoningModel, findings);
        } else if (provider == ProviderId.AZURE_OPENAI) {
            ChatReasoningRules.apply(extras, reasoningModel, findings);
        } else if (provider == ProviderId.AMAZON_BEDROCK) {
            BedrockReasoning.apply(extras, capability, options.field(), findings);
        }
        SamplingRules.Sampling sampling = SamplingRules.apply(settings, wire, capability, extras, findings);
        return new WirePlan(wire, sampling.temperature(), sampling.maxTokens(), extras, fragment.headers(),
                systemRole(capability, fragment.systemMessageMode(), options.field(), findings), findings.warnings(),
                findings.errors());
    }

    private static CustomOptions.Resolved options(SlotSettings settings, ModelCapability capability,
            ProviderWire wire, String model, Findings findings) {
        ThinkingLevel level = settings.thinking() == null ? ThinkingLevel.OFF : settings.thinking();
        if (level == ThinkingLevel.CUSTOM) {
            return CustomOptions.resolve(settings.customOptions(), settings.provider(), wire.namespace(), findings);
        }
        if (settings.customOptions() != null) {
            findings.warn("customOptions only apply when thinking is 'custom' and are ignored");
        }
        ObjectNode block = level == ThinkingLevel.OFF ? JsonTrees.object()
                : Presets.block(capability, level, model, findings);
        return new CustomOptions.Resolved(block, "thinking");
    }

    private static String systemRole(ModelCapability capability, String systemMessageMode, String field,
            Findings findings) {
        if (systemMessageMode == null) {
            return capability.systemRole();
        }
        return switch (systemMessageMode) {
            case "system", "developer" -> systemMessageMode;
            case "remove" -> {
                findings.warn("systemMessageMode 'remove': the system prompt is not sent");
                yield null;
            }
            default -> {
                findings.error(field + ".systemMessageMode", "must be 'system', 'developer' or 'remove'");
                yield capability.systemRole();
            }
        };
    }
}
