// Every call to the CareID API from the console: the operator token from memory, a loading
// indicator for each request, and RFC 9457 problem bodies turned into ApiError.
import * as session from './session.js';

/** A refused or failed request, with the server's problem body when it sent one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem && (problem.detail || problem.title) ? (problem.detail || problem.title) : `Request failed (${status})`);
    this.status = status;
    this.problem = problem || {};
  }

  get title() {
    return this.problem.title || (this.status === 0 ? 'No connection' : `Error ${this.status}`);
  }

  /** True when the server answered with this CareID problem type (docs/PROBLEM-TYPES.md), e.g. 'consent-required'. */
  is(problemType) {
    return this.problem.type === `${PROBLEM_BASE}${problemType}`;
  }
}

/** Every CareID problem type URI starts with this; the console decides on the type, never on the words. */
export const PROBLEM_BASE = 'https://careid.org/problems/';

let pending = 0;
const busyListeners = [];

/** Called with true when the first request starts and false when the last one ends. */
export function onBusy(listener) {
  busyListeners.push(listener);
}

function changePending(delta) {
  const before = pending > 0;
  pending += delta;
  const after = pending > 0;
  if (before !== after) {
    busyListeners.forEach((l) => l(after));
  }
}

/**
 * Calls the API. Options: method, json (a body to send as JSON), form (a FormData),
 * indicator (an element to show instead of the page-wide one, for background requests).
 */
export async function api(path, { method = 'GET', json, form, indicator, anonymous = false, text = null } = {}) {
  // text: a media type (text/csv, application/jsonl): answer that body as text, not as JSON
  const headers = { Accept: `${text || 'application/json'}, application/problem+json` };
  // anonymous: a login, sent without the (possibly ended) session's token
  const bearer = anonymous ? null : session.token();
  if (bearer) {
    headers.Authorization = `Bearer ${bearer}`;
  }
  let body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (form !== undefined) {
    body = form;
  }
  if (indicator) {
    indicator.hidden = false;
  } else {
    changePending(1);
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body, cache: 'no-store', credentials: 'omit' });
  } catch (e) {
    throw new ApiError(0, { title: 'No connection', detail: 'The CareID server cannot be reached. Check the network and try again.' });
  } finally {
    if (indicator) {
      indicator.hidden = true;
    } else {
      changePending(-1);
    }
  }
  if (text && response.ok) {
    return response.text();
  }
  const data = await readBody(response);
  if (!response.ok) {
    if (response.status === 401 && bearer && session.token() === bearer) {
      // The server no longer accepts this token (expired, revoked, operator deactivated).
      session.end('expired');
    }
    throw new ApiError(response.status, typeof data === 'object' ? data : null);
  }
  return data;
}

async function readBody(response) {
  if (response.status === 204) {
    return null;
  }
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      return await response.json();
    } catch (e) {
      return null;
    }
  }
  return null;
}

/**
 * Ends the session at the server too (the token is revoked there, not just forgotten here). Sent with
 * keepalive so it still goes out when the tab closes; the answer does not matter to the page.
 */
export function logoutOnServer(token) {
  if (!token) {
    return;
  }
  fetch('/api/v1/operators/me/logout', {
    method: 'POST', keepalive: true, cache: 'no-store', credentials: 'omit',
    headers: { Authorization: `Bearer ${token}` },
  }).catch(() => {});
}
