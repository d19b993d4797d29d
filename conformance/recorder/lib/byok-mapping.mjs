// The BYOK config -> generateText() translation, as written in the product docs
// (see the brief in README.md). This is the HARNESS's reading of the docs, not
// SDK behaviour: everything after this step (providerOptions -> HTTP body) is
// done by the real SDK and is what the golden files pin down.

export const KNOWN_NAMESPACES = ['anthropic', 'google', 'openai', 'openrouter', 'openaiCompatible', 'azure', 'bedrock'];

export const NAMESPACE_FOR_PROVIDER = {
  anthropic: 'anthropic',
  google_gemini: 'google',
  openai: 'openai',
  open_router: 'openrouter',
  openai_compatible: 'openaiCompatible',
  novita: 'openaiCompatible',
  azure_openai: 'azure',
  google_vertex: 'google',
  amazon_bedrock: 'bedrock',
};

/** Production base URLs used when a config has no baseURL (the provider SDK defaults). */
export const DEFAULT_BASE_URL = {
  anthropic: 'https://api.anthropic.com/v1',
  google_gemini: 'https://generativelanguage.googleapis.com/v1beta',
  openai: 'https://api.openai.com/v1',
  open_router: 'https://openrouter.ai/api/v1',
  novita: 'https://api.novita.ai/v3/openai',
  openai_compatible: null, // required in the config
};

/** Preset Thinking level -> provider options (docs table). `off` -> {}. */
export function presetProviderOptions(provider, level) {
  if (level === 'off' || level == null) return {};
  switch (provider) {
    case 'anthropic':
      return { anthropic: { thinking: { type: 'adaptive' }, outputConfig: { effort: level } } };
    case 'google_gemini':
    case 'google_vertex':
      return { google: { thinkingConfig: { thinkingLevel: level } } };
    case 'azure_openai':
      return { azure: { reasoningEffort: level } };
    case 'amazon_bedrock':
      return { bedrock: { reasoningConfig: { type: 'adaptive', maxReasoningEffort: level } } };
    case 'openai':
      return { openai: { reasoningEffort: level } };
    case 'open_router':
      return { openrouter: { reasoning: { effort: level } } };
    case 'openai_compatible':
    case 'novita':
      // binary: any level turns thinking on
      return { openaiCompatible: { thinking: { type: 'enabled' } } };
    default:
      throw new Error(`unknown provider ${provider}`);
  }
}

/** Custom JSON: wrap under the active provider's namespace unless it already names a known one. */
export function normalizeCustom(provider, customJsonText) {
  const parsed = JSON.parse(customJsonText);
  if (parsed == null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('custom thinking JSON must be an object');
  }
  const hasNamespace = Object.keys(parsed).some((k) => KNOWN_NAMESPACES.includes(k));
  if (hasNamespace) return { wrapped: false, options: parsed };
  return { wrapped: true, options: { [NAMESPACE_FOR_PROVIDER[provider]]: parsed } };
}

function isPlainObject(v) {
  return v != null && typeof v === 'object' && !Array.isArray(v);
}

/** Deep merge, `over` wins on conflicts, arrays replaced (not concatenated). */
export function deepMerge(base, over) {
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = k in out ? deepMerge(out[k], v) : v;
  }
  return out;
}

/** OpenRouter provider pins -> openrouter.provider routing block, or null. */
export function openRouterRouting(config) {
  if (config.provider !== 'open_router' || !config.openRouter) return null;
  const { providerOrder, allowFallbacks } = config.openRouter;
  const routing = {};
  if (Array.isArray(providerOrder) && providerOrder.length > 0) routing.order = providerOrder;
  if (typeof allowFallbacks === 'boolean') routing.allow_fallbacks = allowFallbacks;
  return Object.keys(routing).length > 0 ? routing : null;
}

/**
 * Full docs pipeline: preset (or custom) + OpenRouter routing.
 * - preset level -> preset namespace block
 * - custom -> normalized custom JSON; each namespace block in it REPLACES the
 *   preset's block for that namespace (there is no preset when Thinking=custom,
 *   so in practice it is the whole block)
 * - OpenRouter routing (order/allow_fallbacks) is DEEP-MERGED under
 *   openrouter.provider; on a conflicting key the custom JSON wins.
 * Returns { providerOptions, trace } where trace explains the steps.
 */
export function buildProviderOptions(config) {
  const trace = [];
  const thinking = config.thinking ?? 'off';
  let options = {};
  if (thinking === 'custom') {
    const { wrapped, options: custom } = normalizeCustom(config.provider, config.customJson);
    trace.push(
      wrapped
        ? `custom JSON has no known namespace key -> wrapped under '${NAMESPACE_FOR_PROVIDER[config.provider]}'`
        : `custom JSON already namespaced (${Object.keys(custom).join(', ')}) -> used as is`,
    );
    for (const [ns, block] of Object.entries(custom)) options[ns] = block; // full replace per namespace
  } else {
    options = presetProviderOptions(config.provider, thinking);
    trace.push(thinking === 'off' ? 'thinking off -> no reasoning options' : `preset '${thinking}'`);
  }
  const routing = openRouterRouting(config);
  if (routing) {
    const or = isPlainObject(options.openrouter) ? options.openrouter : {};
    const customProvider = isPlainObject(or.provider) ? or.provider : {};
    options = { ...options, openrouter: { ...or, provider: deepMerge(routing, customProvider) } };
    trace.push('OpenRouter pins deep-merged under openrouter.provider (custom keys win on conflict)');
  }
  return { providerOptions: options, trace };
}
