// The catalog view: a grid of the recommended models; a card expands inline into a form with one
// API-key field, the plan selector when the model has plans, and Test / Test & save.

import {CLOUD_PROVIDERS, cloudStep} from './cloud.js';
import {h, idOf, replace} from './dom.js';
import {capWords, contextWindow, defaultBaseUrl, providerLabel} from './words.js';

/**
 * @param slot 'main' or 'fallback'
 * @param ctx {catalog, mainSlot(), runTest(slot, config, resultEl, button), runSave(slot, config, options)}
 */
export function catalogGrid(slot, ctx) {
  if (!ctx.catalog.length) {
    return h('p', {class: 'notice', text: 'The recommended models could not be loaded. Configure the model manually.'});
  }
  const list = h('ul', {class: 'catalog', id: idOf(slot, 'catalog'), 'aria-label': 'Recommended models for ' + slot});
  for (const entry of ctx.catalog) {
    list.append(card(slot, entry, ctx));
  }
  return list;
}

function hostOf(url) {
  try {
    return new URL(url).host;
  } catch (e) {
    return null;
  }
}

/** True when the entry would likely use the same provider (and account) as the saved main slot. */
function sameProviderAsMain(entry, main) {
  if (!main) {
    return false;
  }
  if (main.plan && entry.plans.some((plan) => plan.id === main.plan)) {
    return true;
  }
  if (main.provider !== entry.provider) {
    return false;
  }
  if (entry.provider !== 'openai_compatible') {
    return true;
  }
  // OpenAI-compatible is many vendors: the same model, or the same host, is the same provider.
  return main.model === entry.model
    || entry.plans.some((plan) => hostOf(plan.baseUrl) === hostOf(main.effectiveBaseUrl));
}

function card(slot, entry, ctx) {
  const base = idOf(slot, 'card', entry.id);
  const panelId = base + '-panel';
  const main = slot === 'fallback' ? ctx.mainSlot() : null;
  const toggle = h('button', {type: 'button', class: 'card-toggle', id: base + '-toggle', 'aria-expanded': 'false',
    'aria-controls': panelId},
  h('span', {class: 'card-name', text: entry.displayName}),
  h('span', {class: 'card-provider', text: providerLabel(entry.provider)}));
  const item = h('li', {class: 'card', id: base, 'data-model': entry.model},
    h('h3', {class: 'card-title'}, toggle),
    sameProviderAsMain(entry, main) ? h('p', {class: 'badge', text: 'Same provider as main'}) : null,
    h('p', {class: 'card-desc'}, h('span', {class: 'visually-hidden', text: 'Best for: '}), entry.description),
    h('p', {class: 'card-context', text: 'Context window: ' + contextWindow(entry.contextWindow) + ' tokens',
      title: entry.contextWindow ? entry.contextWindow.toLocaleString('en') + ' tokens' : null}));
  let panel = null;
  const setExpanded = (expanded) => {
    if (expanded && !panel) {
      panel = connectPanel(slot, entry, ctx, panelId, base);
      item.append(panel);
    }
    toggle.setAttribute('aria-expanded', String(expanded));
    item.classList.toggle('expanded', expanded);
    if (panel) {
      panel.hidden = !expanded;
    }
    if (expanded) {
      panel.querySelector('input[type=password]').focus();
    }
  };
  toggle.addEventListener('click', () => setExpanded(toggle.getAttribute('aria-expanded') !== 'true'));
  // A click anywhere on the card, outside its form, opens it too (the button is what the keyboard uses).
  item.addEventListener('click', (event) => {
    if (!item.classList.contains('expanded') && !toggle.contains(event.target)) {
      setExpanded(true);
    }
  });
  return item;
}

function connectPanel(slot, entry, ctx, panelId, base) {
  const keyId = base + '-key';
  const overrideId = base + '-endpoint';
  const endpointText = h('code', {id: base + '-endpoint-shown'});
  const capText = h('span', {id: base + '-cap-shown'});
  let plan = entry.plans.length ? entry.plans[0] : null;
  // A plan's key is made on that plan's page (a key of one plan fails on another's endpoint).
  const keyUrl = () => (plan && plan.apiKeyUrl) || entry.apiKeyUrl;
  const keyLink = keyUrl() ? h('a', {id: base + '-key-link', href: keyUrl(), target: '_blank',
    rel: 'noopener noreferrer', text: 'Get a key'}) : null;

  const showPlan = () => {
    endpointText.textContent = plan ? plan.baseUrl : defaultBaseUrl(entry.provider)
      || (CLOUD_PROVIDERS.includes(entry.provider) ? '(built from the project and location above)'
        : '(set an endpoint below)');
    capText.textContent = plan ? capWords(plan.maxConcurrentRequests) : capWords(null);
    if (keyLink) {
      keyLink.href = keyUrl();
      keyLink.textContent = plan ? 'Get a key for ' + plan.label : 'Get a key';
    }
  };

  const plans = entry.plans.length === 0 ? null : h('fieldset', {class: 'plans'},
    h('legend', {text: 'Plan'}),
    entry.plans.map((p, index) => {
      const radioId = idOf(base, 'plan', p.id);
      return h('div', {class: 'plan'},
        h('input', {type: 'radio', id: radioId, name: base + '-plan', value: p.id, checked: index === 0,
          onchange: () => {
            plan = p;
            showPlan();
          }}),
        h('label', {for: radioId},
          h('span', {class: 'plan-label', text: p.label}),
          h('span', {class: 'plan-facts', text: p.baseUrl + ' · ' + capWords(p.maxConcurrentRequests)}),
          p.apiKeyUrl ? h('a', {class: 'plan-key', href: p.apiKeyUrl, target: '_blank', rel: 'noopener noreferrer',
            text: 'keys: ' + p.apiKeyUrl.replace(/^https:\/\//, '')}) : null));
    }));

  const keyInput = h('input', {type: 'password', id: keyId, name: 'apiKey', autocomplete: 'off', spellcheck: 'false',
    required: true, 'aria-describedby': keyId + '-hint'});
  // A cloud model (Vertex AI) also needs where it lives; its key can be uploaded as the JSON key file.
  const cloud = CLOUD_PROVIDERS.includes(entry.provider) ? cloudStep((name) => base + '-' + name,
    (name, label, input, hint) => {
      input.id = base + '-' + name;
      return h('div', {class: 'field'}, h('label', {for: input.id, text: label}), input,
        hint ? h('p', {class: 'hint', text: hint}) : null);
    }, keyInput) : null;
  if (cloud) {
    cloud.show(entry.provider);
    cloud.bind(() => cloud.show(entry.provider));
  }
  const overrideInput = h('input', {type: 'url', id: overrideId, name: 'baseUrl', autocomplete: 'off',
    spellcheck: 'false', 'aria-describedby': overrideId + '-hint', placeholder: 'https://…'});
  const result = h('div', {class: 'result', id: base + '-result', role: 'status', 'aria-live': 'polite'});

  const config = () => ({
    provider: entry.provider,
    model: entry.model,
    plan: plan ? plan.id : null,
    baseUrl: overrideInput.value.trim() || null,
    apiKey: cloud ? cloud.credential(entry.provider, keyInput.value) : keyInput.value,
    cloud: cloud ? cloud.settings(entry.provider) : null,
    temperature: entry.defaults ? entry.defaults.temperature : null,
    maxTokens: entry.defaults ? entry.defaults.maxTokens : null,
    thinking: entry.defaults && entry.defaults.thinking ? entry.defaults.thinking : 'off',
  });
  const keyMissing = () => {
    if (keyInput.value.trim()) {
      return false;
    }
    result.className = 'result bad';
    replace(result, h('p', {text: 'Paste the API key first.'}));
    keyInput.focus();
    return true;
  };
  const testButton = h('button', {type: 'button', class: 'secondary', id: base + '-test', text: 'Test',
    onclick: () => !keyMissing() && ctx.runTest(slot, config(), result, testButton)});
  const saveButton = h('button', {type: 'submit', class: 'primary', id: base + '-save', text: 'Test & save'});
  const form = h('form', {class: 'card-panel', id: panelId, 'aria-label': 'Connect ' + entry.displayName + ' as ' + slot,
    novalidate: true,
    onsubmit: async (event) => {
      event.preventDefault();
      if (keyMissing()) {
        return;
      }
      const saved = await ctx.runSave(slot, config(), {test: true, result, button: saveButton});
      if (!saved) {
        keyInput.focus();
      }
    }},
  plans,
  cloud ? h('ol', {class: 'steps'}, cloud.step) : null,
  h('p', {class: 'endpoint'}, 'Endpoint: ', endpointText, h('br'), 'Concurrency: ', capText),
  h('details', {class: 'endpoint-override'},
    h('summary', {id: base + '-endpoint-toggle', text: 'Use a different endpoint'}),
    h('label', {for: overrideId, text: 'Endpoint URL'}),
    overrideInput,
    h('p', {class: 'hint', id: overrideId + '-hint',
      text: 'For a proxy or gateway that speaks the same API. Leave empty to use the endpoint above.'})),
  h('label', {for: keyId, text: (cloud ? 'Service-account key for ' : 'API key for ') + entry.displayName}),
  keyInput,
  h('p', {class: 'hint', id: keyId + '-hint'}, 'Stored encrypted; the page never shows it again. ', keyLink),
  h('div', {class: 'actions'}, testButton, saveButton),
  result);
  showPlan();
  return form;
}
