// The REST API of CONTRACTS §2, as the page uses it: every call a script could make too.
// The bearer token lives in sessionStorage only (this tab, until it is closed); it never goes in a
// query string.

const API_ROOT = new URL('../api/v1/', document.baseURI);
const TOKEN_KEY = 'byok.token';
const ORG_KEY = 'byok.org';

let onUnauthorized = () => {};

export const session = {
  get token() {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  get org() {
    return sessionStorage.getItem(ORG_KEY);
  },
  signIn(org, token) {
    sessionStorage.setItem(ORG_KEY, org);
    sessionStorage.setItem(TOKEN_KEY, token);
  },
  signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(ORG_KEY);
  },
  /** Called when the API answers 401: the token is missing, wrong or expired. */
  set onUnauthorized(handler) {
    onUnauthorized = handler;
  },
};

/**
 * Reads `#org=<id>&token=<jwt>` from the address (a fragment is never sent to a server) and removes
 * it from the address bar and the history entry. It never signs in by itself: a link can come from
 * anyone, and a token slipped in that way would have the user save their key into someone else's
 * org. The page shows what the link offers and asks first. Null when the address offers nothing.
 */
export function takeFragment() {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = fragment.get('token');
  const org = fragment.get('org');
  if (!token && !org) {
    return null;
  }
  history.replaceState(null, '', location.pathname + location.search);
  return {org: org || '', token: token || ''};
}

/**
 * Who a token says it is (its `sub`), for the user to recognise before using it; read without
 * checking the signature, which the server does on every call. Null when it cannot be read.
 */
export function tokenSubject(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(payload + '='.repeat((4 - (payload.length % 4)) % 4)));
    return typeof claims.sub === 'string' && claims.sub ? claims.sub : null;
  } catch (e) {
    return null;
  }
}

/**
 * One call. Resolves to {status, ok, body, headers}; status 0 when the service could not be
 * reached. Never throws for an HTTP status: every caller decides what each status means.
 */
export async function call(method, path, {body, ifMatch, auth = true} = {}) {
  const headers = {Accept: 'application/json, application/problem+json'};
  if (auth && session.token) {
    headers.Authorization = 'Bearer ' + session.token;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (ifMatch !== undefined && ifMatch !== null) {
    headers['If-Match'] = '"' + ifMatch + '"';
  }
  let response;
  try {
    response = await fetch(new URL(path, API_ROOT), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'error',
    });
  } catch (e) {
    return {status: 0, ok: false, body: null, headers: new Headers()};
  }
  const text = await response.text();
  let parsed = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      parsed = null;
    }
  }
  if (response.status === 401 && auth) {
    onUnauthorized();
  }
  return {status: response.status, ok: response.ok, body: parsed, headers: response.headers};
}

const orgPath = (org) => 'orgs/' + encodeURIComponent(org) + '/byok';

export const api = {
  catalog: () => call('GET', 'byok/catalog', {auth: false}),
  view: (org) => call('GET', orgPath(org)),
  save: (org, slot, config, {test = false, ifMatch} = {}) =>
    call('PUT', orgPath(org) + '/' + slot + (test ? '?test=true' : ''), {body: config, ifMatch}),
  remove: (org, slot, {ifMatch} = {}) => call('DELETE', orgPath(org) + '/' + slot, {ifMatch}),
  test: (org, slot, config) => call('POST', orgPath(org) + '/' + slot + '/test', {body: config}),
  validate: (org, slot, config) => call('POST', orgPath(org) + '/' + slot + '/validate', {body: config}),
  usage: (org) => call('GET', orgPath(org) + '/usage?granularity=day'),
  budget: (org) => call('GET', orgPath(org) + '/budget'),
  saveBudget: (org, budget) => call('PUT', orgPath(org) + '/budget', {body: budget}),
  removeBudget: (org) => call('DELETE', orgPath(org) + '/budget'),
};
