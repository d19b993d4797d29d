// The BYOK settings page: one org's main and fallback model, on the same REST API a script uses.

import {api, session, takeFragment, tokenSubject} from './api.js';
import {catalogGrid} from './cards.js';
import {confirmDialog, h, replace} from './dom.js';
import {manualForm} from './manual.js';
import {spendSection} from './spend.js';
import {capWords, failure, fieldErrors, messageList, probeResult, providerLabel} from './words.js';

const SLOTS = ['main', 'fallback'];
const state = {org: null, catalog: [], view: null, mode: {main: null, fallback: null}};
const $ = (id) => document.getElementById(id);

/** The org's own slot (not the deployment default), or null. */
const ownSlot = (slot) => (state.view && state.view.source === 'byok' ? state.view[slot] : null);

const ctx = {
  get catalog() {
    return state.catalog;
  },
  get org() {
    return state.org;
  },
  mainSlot: () => ownSlot('main'),
  planLabel: (planId) => {
    for (const entry of state.catalog) {
      const plan = (entry.plans || []).find((p) => p.id === planId);
      if (plan) {
        return entry.displayName + ', ' + plan.label;
      }
    }
    return planId;
  },
  validate: (slot, config) => api.validate(state.org, slot, config),
  runTest,
  runSave,
};

function busy(button, result, text) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  result.className = 'result pending';
  replace(result, h('p', {text}));
}

function idle(button) {
  button.disabled = false;
  button.removeAttribute('aria-busy');
}

function show(result, tone, ...children) {
  result.className = 'result ' + tone;
  replace(result, ...children);
}

/** Probes a config (its key, or the stored one when it has none) and says what was found. */
async function runTest(slot, config, result, button, {listedModel, onFieldErrors} = {}) {
  busy(button, result, 'Testing the connection…');
  const response = await api.test(state.org, slot, config);
  idle(button);
  if (response.status === 200) {
    const {tone, node} = probeResult(response.body, listedModel === undefined ? config.model : listedModel);
    show(result, tone, node);
    return response.body;
  }
  if (response.status === 400) {
    const errors = fieldErrors(response.body);
    show(result, 'bad', h('p', {text: 'The settings are incomplete or invalid:'}), messageList(errors, 'errors'));
    if (onFieldErrors) {
      onFieldErrors(errors);
    }
    return null;
  }
  show(result, 'bad', h('p', {text: failure(response, state.org)}));
  return null;
}

/** Saves a slot (probing it first when `test`); true when it was saved. */
async function runSave(slot, config, {test, result, button, onFieldErrors}) {
  if (state.view.source === 'environment') {
    const main = state.view.main;
    const confirmed = await confirmDialog({
      title: 'Replace the deployment default?',
      message: 'This org now runs on the deployment\'s default model' + (main ? ' (' + providerLabel(main.provider)
        + ', ' + main.model + ')' : '') + '. Saving a ' + slot + ' model of your own replaces the default for this '
        + 'org as a whole: from then on its reviews use only the models and keys you save here.',
      confirmLabel: 'Use my own model',
    });
    if (!confirmed) {
      show(result, 'warn', h('p', {text: 'Nothing was saved: the org stays on the deployment default.'}));
      return false;
    }
  }
  busy(button, result, test ? 'Testing the connection, then saving…' : 'Saving…');
  const response = await api.save(state.org, slot, config, {test, ifMatch: state.view.version});
  idle(button);
  switch (response.status) {
    case 200: {
      const saved = response.body;
      const warnings = Array.isArray(saved.warnings) ? saved.warnings : [];
      state.mode[slot] = null;
      await refresh();
      renderWork(slot);
      if (slot === 'main') {
        mainChanged();
      }
      slotStatus(slot, warnings.length ? 'warn' : 'good',
        h('p', {text: 'Saved the ' + slot + ' model: ' + providerLabel(saved.provider) + ', ' + saved.model
          + ', key ' + saved.keyHint + '.'}),
        warnings.length ? h('p', {text: 'The service adjusted some settings:'}) : null,
        warnings.length ? messageList(warnings, 'warnings') : null);
      $(slot + '-heading').focus();
      return true;
    }
    case 422: {
      const {node} = probeResult(response.body, config.model);
      show(result, 'bad', node, h('p', {class: 'nothing-saved', text: 'Nothing was saved.'}));
      return false;
    }
    case 400: {
      const errors = fieldErrors(response.body);
      show(result, 'bad', h('p', {text: 'Nothing was saved: the service refused these settings.'}),
        messageList(errors, 'errors'));
      if (onFieldErrors) {
        onFieldErrors(errors);
      }
      return false;
    }
    case 412:
      await refresh();
      show(result, 'bad', h('p', {text: failure(response, state.org)}));
      return false;
    default:
      show(result, 'bad', h('p', {text: failure(response, state.org) + ' Nothing was saved.'}));
      return false;
  }
}

function slotStatus(slot, tone, ...children) {
  show($(slot + '-status'), tone, ...children);
}

async function testSaved(slot, button) {
  const own = ownSlot(slot);
  await runTest(slot, undefined, $(slot + '-status'), button, {listedModel: own ? own.model : null});
}

/** What reviews run on once `slot` is deleted, in words. */
function afterDeleting(slot) {
  const fallback = ownSlot('fallback');
  if (slot === 'fallback') {
    return 'have no fallback.';
  }
  return fallback ? 'run on the fallback model (' + providerLabel(fallback.provider) + ', ' + fallback.model
    + ') alone, until you save a main model again.' : 'no longer use it.';
}

async function deleteSlot(slot) {
  const consequence = afterDeleting(slot);
  const confirmed = await confirmDialog({
    title: 'Delete the ' + slot + ' model?',
    message: 'The ' + slot + ' model and its stored key are deleted for this org. Reviews that start afterwards '
      + consequence,
    confirmLabel: 'Delete ' + slot,
    danger: true,
  });
  if (!confirmed) {
    return;
  }
  const response = await api.remove(state.org, slot, {ifMatch: state.view.version});
  if (response.status === 204) {
    state.mode[slot] = null;
    await refresh();
    renderWork(slot);
    if (slot === 'main') {
      mainChanged();
    }
    slotStatus(slot, 'good', h('p', {text: 'Deleted the ' + slot + ' model and its stored key.'}),
      slot === 'main' && ownSlot('fallback') ? h('p', {text: 'Reviews now run on the fallback model alone.'}) : null);
    $(slot + '-heading').focus();
  } else {
    if (response.status === 412) {
      await refresh();
    }
    slotStatus(slot, 'bad', h('p', {text: failure(response, state.org)}));
  }
}

function row(label, ...value) {
  return [h('dt', {text: label}), h('dd', {}, ...value)];
}

function renderSummary(slot) {
  const own = ownSlot(slot);
  const container = $(slot + '-summary');
  if (!own) {
    const words = slot === 'main'
      ? (state.view.source === 'environment'
        ? 'No model of this org\'s own: reviews use the deployment default (above).'
        : ownSlot('fallback')
          ? 'No main model saved: reviews run on the fallback model alone. Pick a recommended model or configure '
            + 'one manually.'
          : 'No main model saved yet: pick a recommended model or configure one manually.')
      : 'No fallback saved yet.';
    replace(container, h('p', {class: 'empty', id: slot + '-empty', text: words}));
    return;
  }
  const details = [
    row('Provider', providerLabel(own.provider)),
    row('Model', h('code', {text: own.model})),
    row('API key', h('code', {class: 'key-hint', text: own.keyHint || '…'})),
    row('Max concurrent requests', capWords(own.maxConcurrentRequests)),
    row('Endpoint', h('code', {text: own.effectiveBaseUrl || own.baseUrl || '(provider default)'})),
    own.plan ? row('Plan', ctx.planLabel(own.plan)) : null,
    row('Thinking', own.thinking || 'off'),
    own.temperature !== null && own.temperature !== undefined ? row('Temperature', String(own.temperature)) : null,
    own.maxTokens ? row('Max output tokens', String(own.maxTokens)) : null,
    own.openRouter ? row('OpenRouter providers', (own.openRouter.pinProviders && own.openRouter.pinProviders.length
      ? own.openRouter.pinProviders.join(', ') : 'chosen by OpenRouter')
        + (own.openRouter.allowFallbacks === false ? ' (no fallbacks)' : ' (fallbacks allowed)')) : null,
    own.updatedAt ? row('Updated', new Date(own.updatedAt).toLocaleString()) : null,
  ];
  const testButton = h('button', {type: 'button', class: 'secondary', id: slot + '-test-saved', text: 'Test',
    'aria-label': 'Test the saved ' + slot + ' model', onclick: () => testSaved(slot, testButton)});
  replace(container, h('article', {class: 'saved', id: slot + '-saved', 'aria-label': 'Saved ' + slot + ' model'},
    h('dl', {}, details),
    own.customOptions ? h('details', {class: 'custom-view', open: true},
      h('summary', {text: 'Custom options'}),
      h('pre', {id: slot + '-custom-options', text: JSON.stringify(own.customOptions, null, 2)})) : null,
    h('div', {class: 'actions'},
      testButton,
      h('button', {type: 'button', class: 'secondary', id: slot + '-edit', text: 'Edit',
        'aria-label': 'Edit the ' + slot + ' model', onclick: () => setMode(slot, 'edit')}),
      h('button', {type: 'button', class: 'danger', id: slot + '-delete', text: 'Delete',
        'aria-label': 'Delete the ' + slot + ' model', onclick: () => deleteSlot(slot)}))));
}

function setMode(slot, mode) {
  state.mode[slot] = mode;
  renderWork(slot);
  const form = $(slot + '-manual');
  if (form) {
    form.querySelector('h3').focus();
  } else if (mode === 'choose') {
    const first = $(slot + '-work').querySelector('.card-toggle, button');
    if (first) {
      first.focus();
    }
  }
}

function renderWork(slot) {
  const own = ownSlot(slot);
  const mode = state.mode[slot] || (own ? 'collapsed' : 'choose');
  const container = $(slot + '-work');
  const manualButton = h('button', {type: 'button', class: 'secondary', id: slot + '-configure-manually',
    text: 'Configure manually', onclick: () => setMode(slot, 'manual')});
  const back = () => {
    state.mode[slot] = null;
    renderWork(slot);
    const target = $(slot + '-choose') || $(slot + '-configure-manually');
    if (target) {
      target.focus();
    }
  };
  switch (mode) {
    case 'collapsed':
      replace(container, h('div', {class: 'actions'},
        h('button', {type: 'button', class: 'secondary', id: slot + '-choose',
          text: 'Choose a different ' + slot + ' model', onclick: () => setMode(slot, 'choose')})));
      break;
    case 'manual':
      replace(container, manualForm(slot, null, ctx, back));
      break;
    case 'edit':
      replace(container, manualForm(slot, own, ctx, back));
      break;
    default:
      replace(container,
        h('h3', {class: 'sub', text: slot === 'main' ? 'Recommended models' : 'Recommended models for the fallback'}),
        catalogGrid(slot, ctx),
        h('div', {class: 'actions'},
          h('span', {class: 'or', text: 'Not in the list, or a self-hosted model?'}), manualButton,
          own ? h('button', {type: 'button', class: 'secondary', text: 'Cancel', onclick: back}) : null));
  }
}

function renderBanner() {
  const banner = $('env-banner');
  const view = state.view;
  if (view.source !== 'environment') {
    banner.hidden = true;
    banner.className = 'banner';
    banner.replaceChildren();
    return;
  }
  const describe = (slot) => providerLabel(slot.provider) + ', ' + slot.model;
  banner.hidden = false;
  banner.className = 'banner info';
  replace(banner,
    h('p', {class: 'headline'}, 'This org runs on the deployment\'s default model: ',
      h('strong', {id: 'env-main', text: view.main ? describe(view.main) : 'none'}),
      view.fallback ? ', with the fallback ' : '', view.fallback ? h('strong', {text: describe(view.fallback)}) : '',
      '.'),
    h('p', {text: 'The operator manages its key. Saving a model of your own replaces the default for this org, '
      + 'as a whole.'}));
}

function renderFallbackVisibility() {
  const section = $('fallback-section');
  const visible = state.view.source === 'byok' && Boolean(state.view.main || state.view.fallback);
  const main = ownSlot('main');
  $('fallback-lead').textContent = main || !ownSlot('fallback')
    ? 'Serves a review when the main model cannot (an outage, a rate limit, a revoked key). Pick a different '
      + 'provider than main' + (main ? ' (' + providerLabel(main.provider) + ')' : '')
      + ', so one provider\'s trouble does not stop both.'
    : 'With no main model saved, every review runs on this model.';
  if (visible && section.hidden) {
    section.hidden = false;
    renderWork('fallback');
  } else if (!visible) {
    section.hidden = true;
  }
}

/**
 * After main changed: the fallback's catalog marks the cards on main's provider, so it is drawn
 * again, unless the user is in the middle of something there.
 */
function mainChanged() {
  const work = $('fallback-work');
  if (!$('fallback-section').hidden && state.mode.fallback === null && !ownSlot('fallback')
      && !work.querySelector('.card.expanded')) {
    renderWork('fallback');
  }
}

/** Reads the org's config again and redraws what depends on it (open forms are kept). */
async function refresh() {
  const response = await api.view(state.org);
  if (response.status !== 200) {
    show($('page-status'), 'bad', h('p', {text: failure(response, state.org)}));
    return false;
  }
  state.view = response.body;
  renderBanner();
  SLOTS.forEach(renderSummary);
  renderFallbackVisibility();
  return true;
}

function buildSections() {
  replace($('slots'), SLOTS.map((slot) => h('section', {class: 'slot', id: slot + '-section',
    'aria-labelledby': slot + '-heading', hidden: slot === 'fallback'},
  h('h2', {id: slot + '-heading', tabindex: '-1', text: slot === 'main' ? 'Main model' : 'Fallback model'}),
  h('p', {class: 'lead', id: slot + '-lead',
    text: slot === 'main' ? 'Every review of this org runs on this model first, with your key.' : ''}),
  h('div', {class: 'result', id: slot + '-status', role: 'status', 'aria-live': 'polite'}),
  h('div', {class: 'summary', id: slot + '-summary'}),
  h('div', {class: 'work', id: slot + '-work'}))), spendSection(state.org));
}

function showSignIn(message) {
  $('loading').hidden = true;
  $('app').hidden = true;
  $('sign-out').hidden = true;
  $('org-label').textContent = '';
  $('signin').hidden = false;
  const text = $('signin-message');
  text.textContent = message || '';
  text.hidden = !message;
  $('signin-org').value = session.org || '';
  $('signin-token').value = '';
  (session.org ? $('signin-token') : $('signin-org')).focus();
}

async function load() {
  state.org = session.org;
  state.mode = {main: null, fallback: null};
  $('signin').hidden = true;
  $('loading').hidden = false;
  const [catalog, view] = await Promise.all([api.catalog(), api.view(state.org)]);
  $('loading').hidden = true;
  if (view.status !== 200) {
    showSignIn(failure(view, state.org));
    return;
  }
  state.catalog = catalog.status === 200 && Array.isArray(catalog.body) ? catalog.body : [];
  state.view = view.body;
  $('org-label').textContent = 'for org ' + state.org;
  $('sign-out').hidden = false;
  $('app').hidden = false;
  show($('page-status'), '', null);
  buildSections();
  renderBanner();
  SLOTS.forEach(renderSummary);
  renderWork('main');
  renderFallbackVisibility();
  document.body.dataset.ready = 'true';
}

/**
 * A link offered an org and a token: say what it would switch to, and switch only when the user
 * says so. Declining keeps the current session (or the sign-in form) as it was.
 */
function askAboutLink(offer) {
  $('loading').hidden = true;
  $('app').hidden = true;
  $('signin').hidden = true;
  $('link-confirm').hidden = false;
  const subject = tokenSubject(offer.token);
  $('link-org').textContent = offer.org;
  $('link-identity').textContent = subject ? subject : 'an identity the token does not name';
  const current = session.token && session.org ? 'You are signed in for org ' + session.org
      + (tokenSubject(session.token) ? ' as ' + tokenSubject(session.token) : '') + '.'
      : 'You are not signed in on this page.';
  $('link-current').textContent = current;
  $('link-accept').focus();
  $('link-accept').onclick = () => {
    $('link-confirm').hidden = true;
    session.signIn(offer.org, offer.token);
    load();
  };
  $('link-decline').onclick = () => {
    $('link-confirm').hidden = true;
    start();
  };
}

function start() {
  if (session.token && session.org) {
    load();
  } else {
    showSignIn();
  }
}

/** What the address offers, on load and whenever a link changes only its fragment (no reload then). */
function considerFragment() {
  const offer = takeFragment();
  if (offer && offer.token && offer.org) {
    askAboutLink(offer);
    return true;
  }
  if (offer && offer.org && !session.token) {
    // An org alone switches nothing: it only fills in the sign-in form.
    showSignIn();
    $('signin-org').value = offer.org;
    $('signin-token').focus();
    return true;
  }
  return false;
}

function init() {
  session.onUnauthorized = () => showSignIn('Your token was refused (missing, wrong or expired). Paste a new one.');
  $('sign-out').addEventListener('click', () => {
    session.signOut();
    delete document.body.dataset.ready;
    showSignIn();
  });
  $('signin-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const org = $('signin-org').value.trim();
    const token = $('signin-token').value.trim();
    if (!$('signin-org').checkValidity() || !org) {
      showSignIn('Enter a valid org id.');
      return;
    }
    if (!token) {
      $('signin-message').textContent = 'Paste a bearer token.';
      $('signin-message').hidden = false;
      $('signin-token').focus();
      return;
    }
    session.signIn(org, token);
    $('signin-token').value = '';
    load();
  });
  window.addEventListener('hashchange', considerFragment);
  if (!considerFragment()) {
    start();
  }
}

init();
