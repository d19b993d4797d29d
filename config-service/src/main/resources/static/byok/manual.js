// "Configure manually": a step-by-step form for any of the nine providers, with the advanced
// settings (temperature, max tokens, cap, thinking, custom JSON, OpenRouter pins). The custom
// JSON is checked as you type, locally and then by the server's dry validation.

import {debounce, h, idOf, replace} from './dom.js';
import {PROVIDERS, defaultBaseUrl, fieldErrors, failure, messageList} from './words.js';
import {cloudStep} from './cloud.js';

const THINKING = [
  ['off', 'Off'], ['low', 'Low'], ['medium', 'Medium'], ['high', 'High'], ['custom', 'Custom'],
];
const OTHER_MODEL = '__other__';
/** The probe needs a model id; when none is typed yet it only serves to list the provider's models. */
const LISTING_MODEL = 'model-list-probe';

/**
 * @param slot 'main' or 'fallback'
 * @param initial the saved SlotView to edit, or null for a new slot
 * @param ctx {org, runTest, runSave, validate(slot, config)}
 * @param onCancel called when the user leaves the form without saving
 */
export function manualForm(slot, initial, ctx, onCancel) {
  const p = idOf(slot, 'manual');
  const id = (name) => p + '-' + name;
  const errorSlots = new Map();

  /** A labelled field with a hint and a place for the server's error about it. */
  const field = (name, label, input, hint) => {
    const errorId = id(name) + '-error';
    const hintId = id(name) + '-hint';
    input.id = id(name);
    input.setAttribute('aria-describedby', (hint ? hintId + ' ' : '') + errorId);
    const error = h('p', {class: 'field-error', id: errorId, hidden: true});
    errorSlots.set(name, {input, error});
    return h('div', {class: 'field', id: id(name) + '-field'},
      h('label', {for: id(name), text: label}), input,
      hint ? h('p', {class: 'hint', id: hintId, text: hint}) : null, error);
  };

  // Step 1: provider.
  const provider = h('select', {name: 'provider', required: true},
    PROVIDERS.map((pr) => h('option', {value: pr.id, text: pr.label})));
  provider.value = initial ? initial.provider : 'openai_compatible';

  // Step 2: base URL, only for the provider that has no default.
  const baseUrl = h('input', {type: 'url', name: 'baseUrl', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'https://api.example.com/v1'});
  const baseUrlStep = h('li', {class: 'step', id: id('step-base-url')},
    h('h4', {text: 'Base URL'}),
    field('baseUrl', 'Base URL of the API', baseUrl,
      'The API root; requests go to <base URL>/chat/completions and the models are listed at <base URL>/models.'));

  // Step 3: model, free text until a test could list the provider's models.
  const modelText = h('input', {type: 'text', name: 'model', autocomplete: 'off', spellcheck: 'false', required: true});
  const modelSelect = h('select', {name: 'modelChoice', id: id('model-select'), hidden: true,
    'aria-describedby': id('model-hint')});
  const modelSelectLabel = h('label', {for: id('model-select'), text: 'Model', hidden: true});
  const modelField = field('model', 'Model id', modelText,
    'Type the model id, or press Test in the next step to choose from the models your key can use.');
  modelField.querySelector('label').id = id('model-text-label');

  // Step 4: key.
  const apiKey = h('input', {type: 'password', name: 'apiKey', autocomplete: 'off', spellcheck: 'false'});
  const keyHintText = initial && initial.keyHint
    ? 'Leave empty to keep the stored key (' + initial.keyHint + '). Stored encrypted; never shown again.'
    : 'Stored encrypted; the page never shows it again.';
  const testResult = h('div', {class: 'result', id: id('test-result'), role: 'status', 'aria-live': 'polite'});
  const testButton = h('button', {type: 'button', class: 'secondary', id: id('test'), text: 'Test'});

  // Step 3b: where a cloud model lives (Azure, Vertex, Bedrock) and its credential's shape.
  const cloud = cloudStep(id, field, apiKey);

  // Step 5: advanced settings.
  const temperature = h('input', {type: 'number', name: 'temperature', min: '0', max: '2', step: '0.1',
    inputmode: 'decimal'});
  const maxTokens = h('input', {type: 'number', name: 'maxTokens', min: '1', step: '1', inputmode: 'numeric'});
  const cap = h('input', {type: 'number', name: 'maxConcurrentRequests', min: '1', step: '1', inputmode: 'numeric'});
  const endpointOverride = h('input', {type: 'url', name: 'endpoint', autocomplete: 'off', spellcheck: 'false'});
  const endpointField = field('endpoint', 'Endpoint override (optional)', endpointOverride,
    'For a proxy or gateway that speaks the provider\'s API; empty uses the provider\'s endpoint.');
  const thinkingName = id('thinking');
  const thinkingRadios = THINKING.map(([value, label]) => {
    const radioId = id('thinking-' + value);
    return h('span', {class: 'segment'},
      h('input', {type: 'radio', name: thinkingName, id: radioId, value}),
      h('label', {for: radioId, id: radioId + '-label', text: label}));
  });
  const customOptions = h('textarea', {name: 'customOptions', rows: '8', spellcheck: 'false', autocomplete: 'off',
    class: 'json'});
  const jsonStatus = h('p', {class: 'json-status', id: id('customOptions-status'), 'aria-live': 'polite'});
  const serverCheck = h('div', {class: 'server-check', id: id('customOptions-check'), role: 'status',
    'aria-live': 'polite'});
  const customField = h('div', {class: 'custom', id: id('custom'), hidden: true},
    field('customOptions', 'Custom provider options (JSON)', customOptions,
      'An object for the provider\'s options, e.g. {"thinking": {"type": "enabled"}}. Without a namespace key it '
      + 'applies to this slot\'s provider. It replaces the thinking preset.'),
    jsonStatus, serverCheck);
  customOptions.setAttribute('aria-describedby', customOptions.getAttribute('aria-describedby') + ' ' + jsonStatus.id);
  const pins = h('input', {type: 'text', name: 'pinProviders', autocomplete: 'off', spellcheck: 'false'});
  const allowFallbacks = h('input', {type: 'checkbox', name: 'allowFallbacks', id: id('allowFallbacks'), checked: true});
  const openRouterFields = h('fieldset', {class: 'openrouter', id: id('openrouter')},
    h('legend', {text: 'OpenRouter routing'}),
    field('pinProviders', 'Pinned providers, in order', pins,
      'Comma-separated OpenRouter provider names, e.g. moonshot, together. Empty lets OpenRouter choose.'),
    h('div', {class: 'check'}, allowFallbacks,
      h('label', {for: id('allowFallbacks'), text: 'Allow fallbacks to other providers when the pinned ones are unavailable'})));

  const formResult = h('div', {class: 'result', id: id('result'), role: 'status', 'aria-live': 'polite'});
  const saveButton = h('button', {type: 'submit', class: 'primary', id: id('save'), text: 'Save'});
  const cancelButton = h('button', {type: 'button', class: 'secondary', id: id('cancel'), text: 'Cancel',
    onclick: () => onCancel()});
  const advanced = h('details', {class: 'advanced', id: id('advanced')},
    h('summary', {id: id('advanced-toggle'), text: 'Advanced settings'}),
    h('div', {class: 'grid'},
      field('temperature', 'Temperature', temperature, '0 to 2; empty uses the provider\'s default.'),
      field('maxTokens', 'Max output tokens', maxTokens, 'Empty uses the provider\'s default.'),
      field('maxConcurrentRequests', 'Max concurrent requests', cap,
        'How many calls may run at once on this key, across all workers. Empty: no cap.')),
    endpointField,
    h('fieldset', {class: 'thinking', id: id('thinking-field')},
      h('legend', {text: 'Thinking'}),
      h('div', {class: 'segmented'}, thinkingRadios),
      h('p', {class: 'hint', text: 'Off sends nothing (the provider\'s default). Custom sends your own JSON.'})),
    customField,
    openRouterFields);

  const planNote = h('p', {class: 'hint', id: id('plan-note')});
  const form = h('form', {class: 'manual', id: p, novalidate: true, 'aria-labelledby': id('title')},
    h('h3', {id: id('title'), tabindex: '-1',
      text: (initial ? 'Edit the ' : 'Configure the ') + slot + ' model manually'}),
    h('ol', {class: 'steps'},
      h('li', {class: 'step'}, h('h4', {text: 'Provider'}), field('provider', 'Provider', provider)),
      baseUrlStep,
      cloud.step,
      h('li', {class: 'step'}, h('h4', {text: 'Model'}), modelField,
        h('div', {class: 'field'}, modelSelectLabel, modelSelect), planNote),
      h('li', {class: 'step'}, h('h4', {text: 'API key'}),
        field('apiKey', 'API key', apiKey, keyHintText),
        h('div', {class: 'actions'}, testButton), testResult),
      h('li', {class: 'step'}, advanced)),
    h('div', {class: 'actions'}, cancelButton, saveButton),
    formResult);

  // The model field: a dropdown once a test listed the models, free text otherwise.
  const modelValue = () => (!modelSelect.hidden && modelSelect.value !== OTHER_MODEL ? modelSelect.value
    : modelText.value).trim();
  const useModelList = (models) => {
    const current = modelValue();
    replace(modelSelect,
      h('option', {value: '', text: 'Choose a model'}),
      models.map((m) => h('option', {value: m, text: m})),
      h('option', {value: OTHER_MODEL, text: 'Other (type a model id)'}));
    modelSelect.value = !current ? '' : models.includes(current) ? current : OTHER_MODEL;
    modelSelect.hidden = false;
    modelSelectLabel.hidden = false;
    modelField.hidden = modelSelect.value !== OTHER_MODEL;
    errorSlots.set('model', {input: modelSelect, error: errorSlots.get('model').error});
  };
  const useModelText = () => {
    if (!modelSelect.hidden && modelSelect.value && modelSelect.value !== OTHER_MODEL) {
      modelText.value = modelSelect.value;
    }
    modelSelect.hidden = true;
    modelSelectLabel.hidden = true;
    modelField.hidden = false;
    errorSlots.set('model', {input: modelText, error: errorSlots.get('model').error});
  };
  modelSelect.addEventListener('change', () => {
    modelField.hidden = modelSelect.value !== OTHER_MODEL;
    if (modelSelect.value === OTHER_MODEL) {
      modelText.focus();
    }
  });

  const thinking = () => {
    const checked = form.querySelector('input[name="' + thinkingName + '"]:checked');
    return checked ? checked.value : 'off';
  };
  const setThinking = (value) => {
    form.querySelector('input[name="' + thinkingName + '"][value="' + value + '"]').checked = true;
  };

  /** The custom JSON: {ok, value} or {ok: false, message}. */
  const parseCustom = () => {
    const text = customOptions.value.trim();
    if (!text) {
      return {ok: false, message: 'Enter a JSON object.'};
    }
    try {
      const value = JSON.parse(text);
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return {ok: false, message: 'Not a JSON object: the options must be an object in { }.'};
      }
      return {ok: true, value};
    } catch (e) {
      return {ok: false, message: 'Not valid JSON: ' + e.message};
    }
  };

  const plan = initial ? initial.plan : null;
  const number = (input) => (input.value.trim() === '' ? null : Number(input.value));
  const config = ({forProbe = false} = {}) => {
    const prov = provider.value;
    const custom = thinking() === 'custom' && !forProbe ? parseCustom() : null;
    const pinList = pins.value.split(',').map((s) => s.trim()).filter((s) => s);
    const url = prov === 'openai_compatible' ? baseUrl.value.trim() : endpointOverride.value.trim();
    return {
      provider: prov,
      model: modelValue() || (forProbe ? LISTING_MODEL : ''),
      baseUrl: url || null,
      plan: plan && initial && prov === initial.provider ? plan : null,
      apiKey: cloud.credential(prov, apiKey.value.trim() ? apiKey.value : undefined),
      cloud: cloud.settings(prov),
      temperature: number(temperature),
      maxTokens: number(maxTokens),
      thinking: forProbe && thinking() === 'custom' ? 'off' : thinking(),
      customOptions: custom && custom.ok ? custom.value : null,
      maxConcurrentRequests: number(cap),
      openRouter: prov === 'open_router' && (pinList.length > 0 || !allowFallbacks.checked)
        ? {pinProviders: pinList, allowFallbacks: allowFallbacks.checked} : null,
    };
  };

  const clearErrors = () => {
    for (const {input, error} of errorSlots.values()) {
      error.hidden = true;
      error.textContent = '';
      input.removeAttribute('aria-invalid');
    }
  };
  /** Puts each server error next to its field; returns the ones that have no field on the form. */
  const showErrors = (errors) => {
    clearErrors();
    const rest = [];
    for (const e of errors) {
      const full = String(e.field || '');
      const name = errorSlots.has(full) ? full : full.split(/[.[]/)[0];
      const target = errorSlots.get(name === 'openRouter' ? 'pinProviders'
        : name === 'plan' ? 'provider' : name === 'baseUrl' && provider.value !== 'openai_compatible' ? 'endpoint'
          : name);
      if (target) {
        target.error.textContent = e.message;
        target.error.hidden = false;
        target.input.setAttribute('aria-invalid', 'true');
      } else {
        rest.push(e);
      }
    }
    const first = [...errorSlots.values()].find((s) => !s.error.hidden);
    if (first) {
      if (first.input.closest('details')) {
        first.input.closest('details').open = true;
      }
      first.input.focus();
    }
    return rest;
  };

  // As you type: the JSON locally at once, then the server's dry validation of the whole form.
  let checkSequence = 0;
  const serverValidate = debounce(async () => {
    const parsed = parseCustom();
    if (thinking() !== 'custom' || !parsed.ok) {
      return;
    }
    const sequence = ++checkSequence;
    serverCheck.className = 'server-check pending';
    replace(serverCheck, h('p', {text: 'Checking with the server…'}));
    const cfg = config();
    delete cfg.apiKey;
    const response = await ctx.validate(slot, cfg);
    if (sequence !== checkSequence) {
      return;
    }
    if (response.status === 200) {
      const warnings = response.body && Array.isArray(response.body.warnings) ? response.body.warnings : [];
      serverCheck.className = 'server-check ' + (warnings.length ? 'warn' : 'good');
      replace(serverCheck,
        h('p', {text: warnings.length ? 'The server accepts these settings, with warnings:'
          : 'The server accepts these settings.'}),
        warnings.length ? messageList(warnings, 'warnings') : null);
    } else if (response.status === 400) {
      serverCheck.className = 'server-check bad';
      replace(serverCheck, h('p', {text: 'The server would refuse these settings:'}),
        messageList(fieldErrors(response.body), 'errors'));
    } else {
      serverCheck.className = 'server-check bad';
      replace(serverCheck, h('p', {text: failure(response, ctx.org)}));
    }
  }, 400);
  const checkJson = () => {
    if (thinking() !== 'custom') {
      return;
    }
    const parsed = parseCustom();
    customOptions.setAttribute('aria-invalid', String(!parsed.ok));
    jsonStatus.className = 'json-status ' + (parsed.ok ? 'good' : 'bad');
    jsonStatus.textContent = parsed.ok ? 'Valid JSON.' : parsed.message;
    if (parsed.ok) {
      serverValidate();
    } else {
      serverValidate.cancel();
      checkSequence++;
      serverCheck.className = 'server-check';
      replace(serverCheck);
    }
  };

  const providerChanged = () => {
    const prov = provider.value;
    baseUrlStep.hidden = prov !== 'openai_compatible';
    endpointField.hidden = prov === 'openai_compatible';
    endpointOverride.placeholder = defaultBaseUrl(prov) || '';
    openRouterFields.hidden = prov !== 'open_router';
    cloud.show(prov);
    planNote.hidden = !(plan && initial && prov === initial.provider);
    planNote.textContent = planNote.hidden ? '' : 'Plan: ' + ctx.planLabel(plan)
      + ' (its endpoint and cap apply where the fields are empty).';
  };
  const thinkingChanged = () => {
    customField.hidden = thinking() !== 'custom';
    if (!customField.hidden) {
      checkJson();
    }
  };

  provider.addEventListener('change', () => {
    useModelText();
    providerChanged();
    checkJson();
  });
  baseUrl.addEventListener('input', () => {
    useModelText();
    checkJson();
  });
  customOptions.addEventListener('input', checkJson);
  for (const input of [modelText, modelSelect, temperature, maxTokens, cap, endpointOverride, pins, allowFallbacks]) {
    input.addEventListener('input', () => thinking() === 'custom' && parseCustom().ok && serverValidate());
  }
  // The result of the last save attempt is about what was typed then.
  form.addEventListener('input', () => replace(formResult));
  form.addEventListener('change', (event) => {
    if (event.target.name === thinkingName) {
      thinkingChanged();
    }
  });

  testButton.addEventListener('click', async () => {
    clearErrors();
    const cfg = config({forProbe: true});
    const result = await ctx.runTest(slot, cfg, testResult, testButton, {
      listedModel: cfg.model === LISTING_MODEL ? null : cfg.model,
      onFieldErrors: showErrors,
    });
    if (result && Array.isArray(result.models) && result.models.length > 0) {
      useModelList(result.models);
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors();
    if (thinking() === 'custom') {
      const parsed = parseCustom();
      if (!parsed.ok) {
        advanced.open = true;
        checkJson();
        formResult.className = 'result bad';
        replace(formResult, h('p', {text: 'Nothing was saved: the custom options are not valid JSON ('
          + parsed.message + '). Fix them first.'}));
        customOptions.setAttribute('aria-invalid', 'true');
        customOptions.focus();
        return;
      }
    }
    if (!modelValue()) {
      showErrors([{field: 'model', message: 'is required'}]);
      formResult.className = 'result bad';
      replace(formResult, h('p', {text: 'Nothing was saved: choose or type a model.'}));
      return;
    }
    await ctx.runSave(slot, config(), {test: false, result: formResult, button: saveButton, onFieldErrors: showErrors});
  });

  // Fill in what is being edited.
  if (initial) {
    if (initial.provider === 'openai_compatible') {
      baseUrl.value = initial.baseUrl || '';
    } else {
      endpointOverride.value = initial.baseUrl || '';
    }
    modelText.value = initial.model || '';
    cloud.fill(initial.cloud);
    temperature.value = initial.temperature ?? '';
    maxTokens.value = initial.maxTokens ?? '';
    cap.value = initial.maxConcurrentRequests ?? '';
    if (initial.customOptions) {
      customOptions.value = JSON.stringify(initial.customOptions, null, 2);
    }
    if (initial.openRouter) {
      pins.value = (initial.openRouter.pinProviders || []).join(', ');
      allowFallbacks.checked = initial.openRouter.allowFallbacks !== false;
    }
  }
  setThinking(initial && initial.thinking ? initial.thinking : 'off');
  advanced.open = thinking() === 'custom';
  cloud.bind(providerChanged);
  providerChanged();
  thinkingChanged();
  return form;
}
