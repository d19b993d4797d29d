// The org's spend: a chart of the last 30 days' tokens per slot from the usage ledger, and its budget
// (the limits every worker enforces), read and set through the same REST API as everything else.

import {api} from './api.js';
import {h, replace} from './dom.js';
import {failure, fieldErrors} from './words.js';

const DAY_MS = 24 * 3600 * 1000;
const LIMITS = [
  ['tokensPerDay', 'Tokens per day', 'integer'],
  ['tokensPerMonth', 'Tokens per month', 'integer'],
  ['costPerDayUsd', 'Estimated cost per day (USD)', 'decimal'],
  ['costPerMonthUsd', 'Estimated cost per month (USD)', 'decimal'],
];

/** The spend section, filled in when the usage and the budget have been read. */
export function spendSection(org) {
  const section = h('section', {class: 'slot', id: 'spend-section', 'aria-labelledby': 'spend-heading'},
      h('h2', {id: 'spend-heading', text: 'Spend and budget'}),
      h('p', {class: 'lead', text: 'What this org\'s reviews used on your keys, and the limits that stop a backlog '
          + 'from spending more. Costs are estimates from list prices.'}),
      h('div', {class: 'result', id: 'spend-status', role: 'status', 'aria-live': 'polite'}),
      h('div', {id: 'spend-chart'}),
      h('div', {id: 'budget-form'}));
  load(org);
  return section;
}

async function load(org) {
  const [usage, budget] = await Promise.all([api.usage(org), api.budget(org)]);
  renderChart(usage);
  renderBudget(org, budget.status === 200 ? budget.body : null, usage.status === 200 ? usage.body : null);
}

/** Bars per day (main and fallback stacked), newest on the right; each bar says its numbers in its title. */
function renderChart(usage) {
  const box = document.getElementById('spend-chart');
  if (usage.status !== 200) {
    replace(box, h('p', {class: 'hint', text: failure(usage) || 'Usage cannot be read now.'}));
    return;
  }
  const end = Date.parse(usage.body.to);
  const days = [];
  for (let i = 30; i >= 1; i--) {
    days.push(new Date(end - i * DAY_MS).toISOString().slice(0, 10));
  }
  const perDay = {};
  for (const row of usage.body.buckets) {
    const day = row.start.slice(0, 10);
    const entry = perDay[day] || (perDay[day] = {main: 0, fallback: 0, reviews: 0});
    entry[row.slot] += row.inputTokens + row.outputTokens;
    entry.reviews += row.reviews;
  }
  const max = Math.max(1, ...days.map((d) => (perDay[d] ? perDay[d].main + perDay[d].fallback : 0)));
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 300 80');
  svg.setAttribute('role', 'img');
  svg.setAttribute('class', 'spend-chart');
  const total = usage.body.totals.reduce((sum, r) => sum + r.inputTokens + r.outputTokens, 0);
  const cost = usage.body.estimatedCostUsd;
  svg.setAttribute('aria-label', 'Tokens per day over the last 30 days: ' + total + ' in all');
  days.forEach((day, i) => {
    const entry = perDay[day] || {main: 0, fallback: 0, reviews: 0};
    let y = 80;
    for (const slot of ['main', 'fallback']) {
      const height = (entry[slot] / max) * 76;
      if (height > 0) {
        const bar = document.createElementNS(ns, 'rect');
        bar.setAttribute('x', String(i * 10 + 1));
        bar.setAttribute('width', '8');
        bar.setAttribute('y', String(y - height));
        bar.setAttribute('height', String(height));
        bar.setAttribute('class', 'bar-' + slot);
        bar.setAttribute('data-day', day);
        bar.setAttribute('data-slot', slot);
        bar.setAttribute('data-tokens', String(entry[slot]));
        const title = document.createElementNS(ns, 'title');
        title.textContent = day + ', ' + slot + ': ' + entry[slot] + ' tokens';
        bar.appendChild(title);
        svg.appendChild(bar);
        y -= height;
      }
    }
  });
  replace(box, svg, h('p', {class: 'hint', id: 'spend-total',
    text: 'Last 30 days: ' + total + ' tokens' + (cost !== null && cost !== undefined ? ', about $' + Number(cost).toFixed(2) : '')
        + (usage.body.unpriced && usage.body.unpriced.length ? ' (not priced: ' + usage.body.unpriced.join(', ') + ')' : '')
        + '. Main in the darker colour, fallback in the lighter.'}));
}

function renderBudget(org, budget, usage) {
  const inputs = {};
  const fields = LIMITS.map(([name, label, kind]) => {
    inputs[name] = h('input', {id: 'budget-' + name, name, inputmode: kind === 'integer' ? 'numeric' : 'decimal',
      value: budget && budget[name] !== undefined && budget[name] !== null ? String(budget[name]) : ''});
    return h('div', {class: 'field'}, h('label', {for: 'budget-' + name, text: label}), inputs[name]);
  });
  const onExceeded = h('select', {id: 'budget-onExceeded', name: 'onExceeded'},
      h('option', {value: 'fail', text: 'fail the review at once (BUDGET_EXCEEDED)'}),
      h('option', {value: 'wait', text: 'let the review wait for the reset'}));
  onExceeded.value = budget && budget.onExceeded ? budget.onExceeded : 'fail';
  const status = document.getElementById('spend-status');
  const save = h('button', {type: 'submit', class: 'primary', id: 'budget-save', text: 'Save budget'});
  const remove = h('button', {type: 'button', class: 'secondary', id: 'budget-remove', text: 'Remove budget',
    hidden: !budget});
  const form = h('form', {id: 'budget', novalidate: true},
      h('h3', {text: 'Budget'}),
      h('p', {class: 'hint', text: 'Leave a limit empty for no limit. Every worker reserves a review\'s estimated '
          + 'tokens before its call, so together they never spend past a limit.'}),
      fields,
      h('div', {class: 'field'}, h('label', {for: 'budget-onExceeded', text: 'When a limit is spent'}), onExceeded),
      h('div', {class: 'actions'}, save, remove));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {onExceeded: onExceeded.value};
    for (const [name, , kind] of LIMITS) {
      const text = inputs[name].value.trim();
      if (text !== '') {
        body[name] = kind === 'integer' ? Number.parseInt(text, 10) : Number(text);
      }
    }
    const response = await api.saveBudget(org, body);
    if (response.status === 200) {
      status.className = 'result good';
      replace(status, h('p', {text: 'Budget saved. Every worker enforces it from the next review on.'}));
      remove.hidden = false;
      return;
    }
    status.className = 'result bad';
    const errors = fieldErrors(response.body);
    replace(status, errors.length ? errors.map((e) => h('p', {text: e.field + ': ' + e.message}))
        : h('p', {text: failure(response, org) || 'The budget was not saved.'}));
  });
  remove.addEventListener('click', async () => {
    const response = await api.removeBudget(org);
    status.className = response.status === 204 ? 'result good' : 'result bad';
    replace(status, h('p', {text: response.status === 204 ? 'Budget removed: no limit applies.'
        : failure(response, org) || 'The budget was not removed.'}));
    if (response.status === 204) {
      LIMITS.forEach(([name]) => { inputs[name].value = ''; });
      remove.hidden = true;
    }
  });
  replace(document.getElementById('budget-form'), form);
  if (budget && budget.tokensPerDay && usage) {
    const today = new Date().toISOString().slice(0, 10);
    const used = usage.buckets.filter((r) => r.start.slice(0, 10) === today)
        .reduce((sum, r) => sum + r.inputTokens + r.outputTokens, 0);
    if (used >= budget.tokensPerDay * (budget.alertAt || 0.8)) {
      status.className = 'result bad';
      replace(status, h('p', {text: 'Today this org has used ' + used + ' of its ' + budget.tokensPerDay
          + ' tokens. When the rest is spent, reviews ' + (budget.onExceeded === 'wait' ? 'wait for midnight UTC.'
          : 'fail with BUDGET_EXCEEDED until midnight UTC.')}));
    }
  }
}
