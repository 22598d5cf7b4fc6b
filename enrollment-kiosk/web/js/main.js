// The kiosk's entry point: settings, login, the idle and expiry log-off, and wiring of screens.
import { api, onBusy, logoutOnServer } from './http.js';
import * as session from './session.js';
import { $, announce, showError, clearMessages, showView } from './ui.js';
import { initStaff, applyRole, resetStaff, search, loadScopes } from './staff.js';
import { initPerson, open, close, currentStaffId, currentDisplayName, refreshState, onClose, onState } from './person.js';
import { initFace, stop as stopCamera, resetFace, setChallengeRequired } from './face.js';
import { initPin, resetPin, showPinPanel } from './pin.js';
import { initFingerprint, resetFingerprint } from './fingerprint.js';

const DEFAULT_IDLE_SECONDS = 300;
const KIOSK_ROLES = ['ADMIN', 'ENROLLER'];

onBusy((busy) => {
  $('busy').hidden = !busy;
  $('main').setAttribute('aria-busy', String(busy));
});

async function loadSettings() {
  let seconds = DEFAULT_IDLE_SECONDS;
  try {
    const settings = await api('/api/v1/kiosk/settings');
    if (settings && Number(settings.idleTimeoutSeconds) > 0) {
      seconds = Number(settings.idleTimeoutSeconds);
    }
    // Face samples from the live head-turn challenge where the server requires it.
    setChallengeRequired(Boolean(settings && settings.faceChallengeRequired));
  } catch (error) {
    // Older servers have no settings endpoint: keep the safe default.
  }
  session.setIdleTimeout(seconds);
  $('idle-minutes').textContent = describeDuration(seconds);
}

function describeDuration(seconds) {
  if (seconds % 60 === 0) {
    const minutes = seconds / 60;
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

async function login(event) {
  event.preventDefault();
  clearMessages();
  const username = $('login-username').value.trim();
  const password = $('login-password').value;
  if (!username || !password) {
    showError(new Error('Enter your username and password.'));
    (username ? $('login-password') : $('login-username')).focus();
    return;
  }
  let result;
  try {
    result = await api('/api/v1/operators/login', { method: 'POST', json: { username, password } });
  } catch (error) {
    $('login-password').value = '';
    showError(error, 'Login failed');
    $('login-password').focus();
    return;
  }
  $('login-form').reset();
  const role = result.role || (Array.isArray(result.roles) ? result.roles.find((r) => KIOSK_ROLES.includes(r)) : null);
  if (!KIOSK_ROLES.includes(role)) {
    showError(new Error('This kiosk is for enrollers and administrators only.'));
    return;
  }
  session.begin({ token: result.access_token, username, role, expiresIn: Number(result.expires_in) || 900 });
  $('operator-name').textContent = username;
  $('operator-role').textContent = role;
  $('session-info').hidden = false;
  if (result.password_change_required) {
    // A password set by an administrator is changed before anything else is shown.
    showView('password-view');
    announce(`Logged in as ${username} (${role}). Choose a new password to continue.`);
    return;
  }
  await enterKiosk(`Logged in as ${username} (${role}).`);
}

async function enterKiosk(message) {
  applyRole();
  await loadScopes();
  showView('staff-view');
  announce(message);
  search('', 0, { keepMessages: true });
}

async function changePassword(event) {
  event.preventDefault();
  clearMessages();
  const currentPassword = $('password-current').value;
  const newPassword = $('password-new').value;
  if (!currentPassword || newPassword.length < 12) {
    showError(new Error(!currentPassword ? 'Enter your current password.' : 'The new password needs at least 12 characters.'));
    (!currentPassword ? $('password-current') : $('password-new')).focus();
    return;
  }
  if (newPassword !== $('password-repeat').value) {
    showError(new Error('The two new passwords are not the same. Type them again.'));
    $('password-repeat').value = '';
    $('password-repeat').focus();
    return;
  }
  try {
    await api('/api/v1/operators/me/password', { method: 'PUT', json: { currentPassword, newPassword } });
  } catch (error) {
    showError(error, 'Password not changed');
    $('password-current').focus();
    return;
  }
  try {
    await renewSession(newPassword);
  } catch (error) {
    session.end('logoff');
    showError(error, 'Your password was changed; log in again with it');
    return;
  }
  $('password-form').reset();
  await enterKiosk('Your password was changed.');
}

/** Everything shown for the last operator is wiped from the page, not just hidden. */
function wipe() {
  resetFace();
  resetFingerprint();
  resetPin();
  close();
  resetStaff();
  $('password-form').reset();
  $('operator-name').textContent = '';
  $('operator-role').textContent = '';
  $('session-info').hidden = true;
  for (const dialog of document.querySelectorAll('dialog')) {
    if (dialog.open) {
      dialog.close();
    }
  }
}

const END_MESSAGES = {
  logoff: 'You are logged off.',
  idle: 'You were logged off because the kiosk was not used for a while.',
  expired: 'Your session has ended. Please log in again.',
};

session.onEnd((reason, endedToken) => {
  if (reason !== 'expired') {
    logoutOnServer(endedToken);
  }
  wipe();
  clearMessages();
  showView('login-view');
  announce(END_MESSAGES[reason] || END_MESSAGES.logoff);
  document.body.dataset.loggedOff = reason;
  $('login-username').focus();
});

session.onIdleWarning((secondsLeft) => {
  const dialog = $('idle-dialog');
  if (secondsLeft === null) {
    if (dialog.open) {
      dialog.close();
    }
    return;
  }
  $('idle-message').textContent = `You will be logged off in ${secondsLeft} seconds unless you continue.`;
  if (!dialog.open) {
    dialog.showModal();
    $('idle-stay').focus();
  }
});

function init() {
  $('login-form').addEventListener('submit', login);
  $('password-form').addEventListener('submit', changePassword);
  $('logoff').addEventListener('click', () => session.end('logoff'));
  $('idle-stay').addEventListener('click', () => session.touch());
  initStaff({ onOpen: (id) => {
    resetFace();
    resetFingerprint();
    resetPin();
    open(id);
  } });
  initPerson({ onBack: () => {
    showView('staff-view');
    search($('search-q').value.trim(), 0);
  } });
  onClose(stopCamera);
  initFace({ staffId: currentStaffId, enrolled: refreshState });
  initFingerprint({ staffId: currentStaffId, enrolled: refreshState });
  initPin({ staffId: currentStaffId, displayName: currentDisplayName });
  onState(showPinPanel);
  // Nothing is kept when the tab goes away; the token lives only in this page's memory anyway.
  window.addEventListener('pagehide', () => session.end('logoff'));
  showView('login-view');
  loadSettings().finally(() => {
    document.body.dataset.ready = 'true';
  });
}

init();

/**
 * A password change ends every session of the account at the server, this one included: log in
 * again with the new password so the operator can go on.
 */
async function renewSession(newPassword) {
  const username = session.username();
  const result = await api('/api/v1/operators/login', { method: 'POST', json: { username, password: newPassword }, anonymous: true });
  session.begin({ token: result.access_token, username, role: result.role, expiresIn: Number(result.expires_in) || 900 });
}
