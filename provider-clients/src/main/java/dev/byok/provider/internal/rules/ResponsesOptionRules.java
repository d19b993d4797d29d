package dev.byok.provider.internal.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the Vercel AI SDK does to the Responses API options after translating them, recorded with
 * its conformance recorder (cases {@code openai-resp-*}, {@code @ai-sdk/openai} 3.0.141) rather than
 * read from the docs:
 * <ul>
 *   <li>{@code store: false} on a reasoning model adds {@code "reasoning.encrypted_content"} to
 *       {@code include} (appended after the caller's entries, never twice): without it a stateless
 *       reasoning model cannot carry its reasoning to the next turn. Not on other models.</li>
 *   <li>{@code reasoning} (effort, summary) is sent only to reasoning models; elsewhere it is dropped
 *       with one warning per option.</li>
 *   <li>{@code service_tier: flex} is sent only to o3+ and gpt-5+ (not -chat); {@code priority} and
 *       {@code fast} only to gpt-4*, o3+ and gpt-5+ (not -nano, not -chat); otherwise dropped with a warning.</li>
 *   <li>{@code store}, {@code user}, {@code parallel_tool_calls} and an explicit {@code include} pass as given.</li>
 * </ul>
 * The model families follow the SDK's {@code getOpenAILanguageModelCapabilities}. Pure.
 */
final class ResponsesOptionRules {

    static final String ENCRYPTED_REASONING = "reasoning.encrypted_content";
    private static final Pattern O_SERIES = Pattern.compile("^o(\\d+)(?:-|$)");
    private static final Pattern GPT = Pattern.compile("^gpt-(\\d+)(?:\\.(\\d+))?(?:-(.+))?$");

    private ResponsesOptionRules() {
    }

    /** @param reasoningModel whether the capability table treats the model as a reasoning model */
    static void apply(ObjectNode body, String model, boolean reasoningModel, Findings findings) {
        if (!reasoningModel && body.get("reasoning") instanceof ObjectNode reasoning) {
            if (reasoning.has("effort")) {
                findings.warn("reasoningEffort is not supported for non-reasoning models");
            }
            if (reasoning.has("summary")) {
                findings.warn("reasoningSummary is not supported for non-reasoning models");
            }
            body.remove("reasoning");
        }
        if (reasoningModel && body.path("store").isBoolean() && !body.path("store").asBoolean()) {
            JsonNode include = body.get("include");
            ArrayNode list = include instanceof ArrayNode array ? array : body.putArray("include");
            boolean present = false;
            for (JsonNode entry : list) {
                present |= ENCRYPTED_REASONING.equals(entry.asString(""));
            }
            if (!present) {
                list.add(ENCRYPTED_REASONING);
            }
        }
        String tier = body.path("service_tier").asString("");
        ModelFamily family = ModelFamily.of(model == null ? "" : model);
        if ("flex".equals(tier) && !family.flex()) {
            findings.warn("flex processing is only available for o3, o4-mini, and gpt-5 models");
            body.remove("service_tier");
        } else if (("priority".equals(tier) || "fast".equals(tier)) && !family.priority()) {
            findings.warn("priority processing is only available for supported models (gpt-4, gpt-5, gpt-5-mini, "
                    + "o3, o4-mini) and requires Enterprise access. gpt-5-nano is not supported");
            body.remove("service_tier");
        }
    }

    /** Which processing tiers a model id may ask for, as the SDK decides it. */
    record ModelFamily(boolean flex, boolean priority) {

        static ModelFamily of(String model) {
            Matcher o = O_SERIES.matcher(model);
            Integer oVersion = o.find() ? Integer.valueOf(o.group(1)) : null;
            Matcher gpt = GPT.matcher(model);
            boolean isGpt = gpt.matches();
            int major = isGpt ? Integer.parseInt(gpt.group(1)) : 0;
            String variant = isGpt ? gpt.group(3) : null;
            boolean chat = isGpt && gpt.group(2) == null && variant != null && variant.startsWith("chat");
            boolean nano = variant != null && variant.startsWith("nano");
            boolean modernO = oVersion != null && oVersion >= 3;
            boolean flex = modernO || isGpt && major >= 5 && !chat;
            boolean priority = model.startsWith("gpt-4") || isGpt && major >= 5 && !nano && !chat || modernO;
            return new ModelFamily(flex, priority);
        }
    }
}
