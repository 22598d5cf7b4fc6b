// The operator's session: kept in this module's memory only, never in localStorage,
// sessionStorage or cookies, so closing the tab leaves nothing behind.
// Ends on log-off, after the idle time (HIPAA automatic logoff) and when the token expires.
// A log-off (button, idle, page closed) also ends the session at the server, so the token is
// refused from then on even if it was copied.

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'input'];
const WARNING_SECONDS_MAX = 30;

let current = null;          // { token, username, role, expiresAt }
let idleTimeoutSeconds = 300;
let idleTimer = null;
let warnTimer = null;
let expiryTimer = null;
const endListeners = [];
const warnListeners = [];

export function setIdleTimeout(seconds) {
  if (Number.isFinite(seconds) && seconds > 0) {
    idleTimeoutSeconds = seconds;
  }
}

export function idleTimeout() {
  return idleTimeoutSeconds;
}

export function isActive() {
  return current !== null;
}

export function token() {
  return current ? current.token : null;
}

export function role() {
  return current ? current.role : null;
}

export function username() {
  return current ? current.username : null;
}

/** The operator's id (the token's subject), to recognise their own entries in the records. */
export function operatorId() {
  return current ? current.operatorId : null;
}

/** Who did something, in words: "you (name)" for this operator, else the id the server gave. */
export function describeActor(actorId) {
  if (!actorId) {
    return 'unknown operator';
  }
  return current && actorId === current.operatorId ? `you (${current.username})` : `operator ${actorId}`;
}

function subjectOf(jwt) {
  try {
    const payload = jwt.split('.')[1].replaceAll('-', '+').replaceAll('_', '/');
    return JSON.parse(atob(payload)).sub || null;
  } catch (e) {
    return null;
  }
}

export function isAdmin() {
  return role() === 'ADMIN';
}

/** Called with the reason ('logoff', 'idle', 'expired') and the ended token when the session ends. */
export function onEnd(listener) {
  endListeners.push(listener);
}

/** Called with the seconds left when the idle warning should show, and with null to hide it. */
export function onIdleWarning(listener) {
  warnListeners.push(listener);
}

export function begin({ token, username, role, expiresIn }) {
  clearTimeout(expiryTimer); // a new session (e.g. after a password change) replaces the old one
  current = { token, username, role, operatorId: subjectOf(token), expiresAt: Date.now() + expiresIn * 1000 };
  for (const type of ACTIVITY_EVENTS) {
    document.addEventListener(type, touch, { capture: true, passive: true });
  }
  // Log off a little before the server would refuse the token, so no request fails half-way.
  const lifetimeMs = Math.max(1000, expiresIn * 1000 - 5000);
  expiryTimer = setTimeout(() => end('expired'), lifetimeMs);
  touch();
}

/** Any sign of a person at the kiosk restarts the idle clock. */
export function touch() {
  if (!current) {
    return;
  }
  clearTimeout(idleTimer);
  clearTimeout(warnTimer);
  warnListeners.forEach((l) => l(null));
  const warnBefore = Math.min(WARNING_SECONDS_MAX, Math.floor(idleTimeoutSeconds / 5));
  if (warnBefore >= 1) {
    warnTimer = setTimeout(() => warnListeners.forEach((l) => l(warnBefore)),
      (idleTimeoutSeconds - warnBefore) * 1000);
  }
  idleTimer = setTimeout(() => end('idle'), idleTimeoutSeconds * 1000);
}

export function end(reason) {
  if (!current) {
    return;
  }
  const endedToken = current.token;
  current = null;
  clearTimeout(idleTimer);
  clearTimeout(warnTimer);
  clearTimeout(expiryTimer);
  for (const type of ACTIVITY_EVENTS) {
    document.removeEventListener(type, touch, { capture: true });
  }
  warnListeners.forEach((l) => l(null));
  endListeners.forEach((l) => l(reason, endedToken));
}
