// What the page says: provider names, probe results and API problems in words a user can act on.

import {h} from './dom.js';

export const PROVIDERS = [
  {id: 'openai', label: 'OpenAI', defaultBaseUrl: 'https://api.openai.com/v1'},
  {id: 'anthropic', label: 'Anthropic', defaultBaseUrl: 'https://api.anthropic.com/v1'},
  {id: 'google_gemini', label: 'Google Gemini', defaultBaseUrl: 'https://generativelanguage.googleapis.com/v1beta'},
  {id: 'open_router', label: 'OpenRouter', defaultBaseUrl: 'https://openrouter.ai/api/v1'},
  {id: 'novita', label: 'Novita', defaultBaseUrl: 'https://api.novita.ai/v3/openai'},
  {id: 'openai_compatible', label: 'OpenAI-compatible API', defaultBaseUrl: null},
  // The cloud providers' endpoints are built from the cloud step (resource, project and location, region).
  {id: 'azure_openai', label: 'Azure OpenAI', defaultBaseUrl: null},
  {id: 'google_vertex', label: 'Google Vertex AI', defaultBaseUrl: null},
  {id: 'amazon_bedrock', label: 'Amazon Bedrock', defaultBaseUrl: null},
];

export function providerLabel(id) {
  const provider = PROVIDERS.find((p) => p.id === id);
  return provider ? provider.label : id;
}

export function defaultBaseUrl(id) {
  const provider = PROVIDERS.find((p) => p.id === id);
  return provider ? provider.defaultBaseUrl : null;
}

/** 200000 -> "200K", 262144 -> "256K", 1048576 -> "1M". */
export function contextWindow(tokens) {
  if (!tokens) {
    return 'unknown';
  }
  if (tokens % (1024 * 1024) === 0) {
    return tokens / (1024 * 1024) + 'M';
  }
  if (tokens % 1024 === 0) {
    return tokens / 1024 + 'K';
  }
  if (tokens >= 1000000) {
    return Math.round(tokens / 100000) / 10 + 'M';
  }
  return Math.round(tokens / 1000) + 'K';
}

export function capWords(cap) {
  if (cap === null || cap === undefined) {
    return 'no cap';
  }
  return cap === 1 ? '1 request at a time' : cap + ' requests at a time';
}

const PROBE_WORDS = {
  OK: ['Connected: the key works.', 'good'],
  INVALID_KEY: ['Invalid key: the provider refused it. Copy the key again from the provider\'s console, '
      + 'and check that it belongs to this provider and has access to the API.', 'bad'],
  ENDPOINT_NOT_FOUND: ['Endpoint not found: the provider has no API at this address. Check the endpoint (base URL).',
    'bad'],
  NETWORK: ['Network problem: the endpoint could not be reached (refused, unknown host or timeout). '
      + 'Check the address, and that the server can reach it.', 'bad'],
  RATE_LIMITED: ['Rate limited, but the key is valid: the provider is throttling it right now. '
      + 'You can save it; reviews wait for the limit.', 'warn'],
  PAYMENT_REQUIRED: ['Payment required: the key works but the account has no credit or plan quota left. '
      + 'Top up or check the plan.', 'bad'],
  SERVER_ERROR: ['The provider had a server error. Try again in a moment.', 'bad'],
  UNKNOWN: ['The provider gave an unexpected answer.', 'bad'],
};

/** A ProbeResult as a block of text: the headline, the model check, and the service's own words. */
export function probeResult(result, model) {
  const [headline, tone] = PROBE_WORDS[result.category] || PROBE_WORDS.UNKNOWN;
  const lines = [];
  if (result.ok && !model) {
    if (Array.isArray(result.models) && result.models.length > 0) {
      lines.push(h('p', {class: 'model-check', text: 'The key can use ' + result.models.length
          + (result.models.length === 1 ? ' model' : ' models') + ': choose one in the Model step.'}));
    }
  } else if (result.ok && result.modelListed === false) {
    lines.push(h('p', {class: 'model-check', text: 'Model not listed: the provider does not list "' + model
        + '" for this key. Check the model id.'}));
    if (Array.isArray(result.models) && result.models.length > 0) {
      const shown = result.models.slice(0, 12);
      lines.push(h('p', {class: 'detail', text: 'It lists: ' + shown.join(', ')
          + (result.models.length > shown.length ? ', … (' + result.models.length + ' in all)' : '') + '.'}));
    }
  } else if (result.ok && result.modelListed === true) {
    lines.push(h('p', {class: 'model-check', text: 'The model "' + model + '" is available.'}));
  }
  const facts = [];
  if (result.httpStatus) {
    facts.push('HTTP ' + result.httpStatus);
  }
  if (typeof result.latencyMs === 'number') {
    facts.push(result.latencyMs + ' ms');
  }
  const suffix = facts.length ? ' (' + facts.join(', ') + ')' : '';
  if (result.category === 'OK' && !(model && result.modelListed === null && result.message)) {
    // The lines above already say what the service's message says.
    lines.push(h('p', {class: 'detail', text: 'Checked without running the model' + suffix + '.'}));
  } else if (result.message) {
    lines.push(h('p', {class: 'detail', text: result.message + suffix}));
  }
  return {
    tone: result.ok && model && result.modelListed === false ? 'warn' : tone,
    node: h('div', {class: 'probe', 'data-category': result.category},
      h('p', {class: 'headline', text: headline}), lines),
  };
}

/** The field errors of a 400 problem, as {field, message} pairs. */
export function fieldErrors(problem) {
  return problem && Array.isArray(problem.errors) ? problem.errors : [];
}

/** What a failed API call means for the user, or null for statuses the caller handles itself. */
export function failure(response, org) {
  switch (response.status) {
    case 0:
      return 'The settings service could not be reached. Check your connection and try again.';
    case 401:
      return 'Your token was refused (missing, wrong or expired). Paste a new one.';
    case 403:
      return 'This token may not manage the org "' + org + '".';
    case 409:
    case 503:
      return (response.body && response.body.detail) || 'The service cannot do this right now; try again shortly.';
    case 412:
      return 'Someone changed this org\'s settings since the page loaded them. The page now shows the current '
          + 'settings; check them and try again.';
    case 429: {
      const after = response.headers.get('Retry-After');
      return 'Too many tests for this org in the last minute. Try again' + (after ? ' in ' + after + ' s.' : ' shortly.');
    }
    default:
      return (response.body && response.body.detail) || 'The request failed (HTTP ' + response.status + ').';
  }
}

/** A list of server messages: warnings or field errors. */
export function messageList(items, className) {
  return h('ul', {class: className}, items.map((item) => typeof item === 'string'
    ? h('li', {text: item})
    : h('li', {}, h('code', {text: item.field}), ' ', item.message)));
}
