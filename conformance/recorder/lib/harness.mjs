// Runs the case table through a given AI SDK build and writes golden files.
// The SDK modules are injected (see record.mjs) so the same harness can drive
// another SDK line installed elsewhere (probe-v7/).

import fs from 'node:fs';
import path from 'node:path';
import { startCaptureServer } from './capture-server.mjs';
import { buildProviderOptions, DEFAULT_BASE_URL, NAMESPACE_FOR_PROVIDER } from './byok-mapping.mjs';
import { analyzeCase } from './analyze.mjs';

export function loadCases(file) {
  const table = JSON.parse(fs.readFileSync(file, 'utf8'));
  const ids = new Set();
  for (const c of table.cases) {
    if (!/^[a-z0-9][a-z0-9._-]*$/i.test(c.id)) throw new Error(`bad case id ${c.id}`);
    if (ids.has(c.id)) throw new Error(`duplicate case id ${c.id}`);
    ids.add(c.id);
  }
  return table;
}

/** Resolves the case's config with the table defaults (system prompt, user message). */
export function resolveCase(table, c) {
  return {
    ...c,
    systemPrompt: c.systemPrompt ?? table.defaults.systemPrompt,
    userMessage: c.userMessage ?? table.defaults.userMessage,
  };
}

function stripSlash(s) {
  return s.replace(/\/+$/, '');
}

/** The production API root of a cloud provider case, from its cloud settings (the SDK's own defaults). */
export function cloudBaseUrl(config) {
  const cloud = config.cloud ?? {};
  switch (config.provider) {
    case 'azure_openai':
      return `https://${cloud.resourceName}.openai.azure.com/openai`;
    case 'google_vertex': {
      if (cloud.auth === 'api-key') return 'https://aiplatform.googleapis.com/v1/publishers/google';
      const host = cloud.location === 'global' ? 'aiplatform.googleapis.com' : `${cloud.location}-aiplatform.googleapis.com`;
      return `https://${host}/v1beta1/projects/${cloud.project}/locations/${cloud.location}/publishers/google`;
    }
    case 'amazon_bedrock':
      return `https://bedrock-runtime.${cloud.region}.amazonaws.com`;
    default:
      return null;
  }
}

/**
 * A fetch that sends what the SDK addresses to a production host to the capture server instead
 * (same path and query): cloud SDKs build their URLs from resource names and regions, so a local
 * baseURL would change the very URL shape being recorded.
 */
export function redirectingFetch(serverUrl) {
  const local = new URL(serverUrl);
  return (input, init) => {
    const u = new URL(typeof input === 'string' ? input : input.url ?? String(input));
    u.protocol = local.protocol;
    u.host = local.host;
    return globalThis.fetch(u.toString(), init);
  };
}

/** Stands in for google-auth-library's client: the service-account token exchange is not what is recorded. */
export const RECORDED_ACCESS_TOKEN = 'ya29.recorded-access-token';
const fakeGoogleAuthClient = { getAccessToken: async () => ({ token: RECORDED_ACCESS_TOKEN }), getRequestHeaders: async () => ({}) };

/** Production base URL of a case and its capture-server twin (same path, local origin). */
export function baseUrls(config, serverUrl) {
  const production = config.baseURL ?? DEFAULT_BASE_URL[config.provider] ?? cloudBaseUrl(config);
  if (!production) throw new Error(`${config.id}: provider ${config.provider} needs baseURL`);
  const u = new URL(production);
  return {
    production: stripSlash(production),
    productionOrigin: u.origin,
    capture: stripSlash(serverUrl + u.pathname),
  };
}

/** Builds the model exactly as the product would (client choice per provider). */
export function buildModel(sdk, config, baseURL) {
  const apiKey = config.apiKey;
  const client = config.client ?? {};
  const m = JSON.stringify(config.model);
  switch (config.provider) {
    case 'anthropic':
      return {
        model: sdk.createAnthropic({ apiKey, baseURL })(config.model),
        description: `createAnthropic({ apiKey, baseURL })(${m})`,
      };
    case 'google_gemini':
      return {
        model: sdk.createGoogleGenerativeAI({ apiKey, baseURL })(config.model),
        description: `createGoogleGenerativeAI({ apiKey, baseURL })(${m})`,
      };
    case 'openai': {
      const p = sdk.createOpenAI({ apiKey, baseURL });
      if (client.kind === 'openai-chat') {
        return { model: p.chat(config.model), description: `createOpenAI({ apiKey, baseURL }).chat(${m})  [Chat Completions API]` };
      }
      return { model: p(config.model), description: `createOpenAI({ apiKey, baseURL })(${m})  [default = Responses API]` };
    }
    case 'open_router': {
      if (client.kind === 'openrouter-sdk') {
        return {
          model: sdk.createOpenRouter({ apiKey, baseURL })(config.model),
          description: `@openrouter/ai-sdk-provider createOpenRouter({ apiKey, baseURL })(${m})`,
        };
      }
      const name = client.name ?? 'openrouter';
      return {
        model: sdk.createOpenAICompatible({ name, apiKey, baseURL })(config.model),
        description: `createOpenAICompatible({ name: ${JSON.stringify(name)}, apiKey, baseURL })(${m})`,
      };
    }
    case 'novita':
    case 'openai_compatible': {
      const name = client.name ?? (config.provider === 'novita' ? 'novita' : 'openai-compatible');
      return {
        model: sdk.createOpenAICompatible({ name, apiKey, baseURL })(config.model),
        description: `createOpenAICompatible({ name: ${JSON.stringify(name)}, apiKey, baseURL })(${m})`,
      };
    }
    case 'azure_openai': {
      const cloud = config.cloud ?? {};
      const p = sdk.createAzure({ apiKey, resourceName: cloud.resourceName, apiVersion: cloud.apiVersion,
        useDeploymentBasedUrls: cloud.deploymentUrls === true, fetch: redirectingFetch(baseURL) });
      const chat = cloud.api === 'chat';
      return { model: chat ? p.chat(config.model) : p(config.model),
        description: `createAzure({ apiKey, resourceName: ${JSON.stringify(cloud.resourceName)}, apiVersion: ${JSON.stringify(cloud.apiVersion)}${cloud.deploymentUrls ? ', useDeploymentBasedUrls: true' : ''} })${chat ? '.chat' : ''}(${m})` };
    }
    case 'google_vertex': {
      const cloud = config.cloud ?? {};
      const options = cloud.auth === 'api-key'
        ? { apiKey }
        : { project: cloud.project, location: cloud.location, googleAuthOptions: { authClient: fakeGoogleAuthClient } };
      const p = sdk.createVertex({ ...options, fetch: redirectingFetch(baseURL) });
      return { model: p(config.model), description: `createVertex(${cloud.auth === 'api-key' ? '{ apiKey }' : `{ project: ${JSON.stringify(cloud.project)}, location: ${JSON.stringify(cloud.location)}, googleAuthOptions }`})(${m})` };
    }
    case 'amazon_bedrock': {
      const cloud = config.cloud ?? {};
      const p = sdk.createAmazonBedrock({ region: cloud.region, apiKey, fetch: redirectingFetch(baseURL) });
      return { model: p(config.model), description: `createAmazonBedrock({ region: ${JSON.stringify(cloud.region)}, apiKey })(${m})` };
    }
    default:
      throw new Error(`unknown provider ${config.provider}`);
  }
}

function redactHeaders(headers, apiKey) {
  const out = {};
  for (const key of Object.keys(headers).sort()) {
    let v = headers[key];
    if (key === 'host') v = '<capture-server>';
    else if (typeof v === 'string' && apiKey) v = v.split(apiKey).join('<KEY>');
    out[key] = v;
  }
  return out;
}

function containsString(value, needle) {
  return JSON.stringify(value).includes(needle);
}

/**
 * Runs all cases. sdk = { label, versions, generateText, createAnthropic, createOpenAI,
 * createGoogleGenerativeAI, createOpenAICompatible, createOpenRouter, systemParam }.
 * Returns the list of per-case results (also written to outDir).
 */
export async function runCases({ sdk, table, outDir, only }) {
  fs.mkdirSync(outDir, { recursive: true });
  for (const f of fs.readdirSync(outDir)) {
    if (f.endsWith('.json')) fs.unlinkSync(path.join(outDir, f));
  }
  const server = await startCaptureServer();
  let warningsSink = [];
  globalThis.AI_SDK_LOG_WARNINGS = ({ warnings }) => {
    warningsSink.push(...warnings);
  };
  const results = [];
  try {
    for (const raw of table.cases) {
      if (only && !only.includes(raw.id)) continue;
      const config = resolveCase(table, raw);
      const urls = baseUrls(config, server.url);
      const { model, description } = buildModel(sdk, config, urls.capture);
      const { providerOptions, trace } = buildProviderOptions(config);
      const call = {
        model,
        [sdk.systemParam]: config.systemPrompt,
        prompt: config.userMessage,
        providerOptions,
        maxRetries: 0,
      };
      if (config.temperature != null) call.temperature = config.temperature;
      if (config.maxTokens != null) call.maxOutputTokens = config.maxTokens;

      warningsSink = [];
      server.take();
      let error = null;
      let resultWarnings = null;
      try {
        const result = await sdk.generateText(call);
        resultWarnings = result.warnings ?? null;
        if (result.text !== 'LGTM') throw new Error(`unexpected text ${JSON.stringify(result.text)}`);
      } catch (e) {
        error = `${e.name}: ${e.message}`;
      }
      const captured = server.take();
      const warnings = warningsSink.length > 0 ? warningsSink : resultWarnings ?? [];

      const requests = captured.map((r) => {
        if (r.bodyRaw && r.body && JSON.stringify(r.body) !== r.bodyRaw) {
          throw new Error(`${config.id}: raw body is not the compact JSON of the parsed body (key order/format differs)`);
        }
        if (config.apiKey && containsString(r.body, config.apiKey)) {
          throw new Error(`${config.id}: API key found in request body`);
        }
        return {
          method: r.method,
          path: r.path,
          query: r.query,
          headers: redactHeaders(r.headers, config.apiKey),
          body: r.body,
          productionUrl: urls.productionOrigin + r.path + (Object.keys(r.query).length ? `?${new URLSearchParams(r.query)}` : ''),
          answeredAs: r.answeredAs,
        };
      });

      const golden = {
        case: config,
        request: requests[0]
          ? {
              method: requests[0].method,
              path: requests[0].path,
              query: requests[0].query,
              headers: requests[0].headers,
              body: requests[0].body,
            }
          : null,
        ...(requests.length > 1 ? { extraRequests: requests.slice(1) } : {}),
        productionUrl: requests[0]?.productionUrl ?? null,
        sdkCall: {
          client: description,
          namespace: NAMESPACE_FOR_PROVIDER[config.provider],
          mappingTrace: trace,
          providerOptions,
          temperature: config.temperature ?? null,
          maxOutputTokens: config.maxTokens ?? null,
          systemParam: sdk.systemParam,
        },
        sdkWarnings: warnings,
        error,
        sdk: { label: sdk.label, versions: sdk.versions, node: process.version },
      };
      golden.analysis = analyzeCase(golden, config);
      fs.writeFileSync(path.join(outDir, `${config.id}.json`), JSON.stringify(golden, null, 2) + '\n');
      results.push(golden);
      const status = error ? `ERROR ${error}` : `${requests.length} request(s) ${requests[0]?.path}`;
      console.log(`${config.id.padEnd(58)} ${status}`);
    }
  } finally {
    globalThis.AI_SDK_LOG_WARNINGS = undefined;
    await server.close();
  }
  return results;
}
