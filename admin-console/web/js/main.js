// The console's entry point: settings, login (a new password first when the administrator set it),
// server-side log-off, the idle and expiry log-off, and the page navigation.
import { api, onBusy, logoutOnServer } from './http.js';
import * as session from './session.js';
import { $, announce, showError, clearMessages } from './ui.js';
import { initOverview, loadOverview, resetOverview } from './overview.js';
import { initDevices, loadDevices, resetDevices } from './devices.js';
import { initPeople, loadPeople, resetPeople } from './people.js';
import { initImport, loadImport, resetImport } from './import.js';
import { initPolicies, loadPolicies, resetPolicies } from './policies.js';
import { initSecurity, loadSecurity, resetSecurity } from './security.js';

const DEFAULT_IDLE_SECONDS = 300;
const CONSOLE_ROLES = ['ADMIN', 'AUDITOR'];
const LOADERS = {
  'overview-page': loadOverview, 'devices-page': loadDevices, 'people-page': loadPeople, 'import-page': loadImport,
  'policies-page': loadPolicies, 'security-page': loadSecurity,
};
let passwordRequired = false;

onBusy((busy) => {
  $('busy').hidden = !busy;
  $('main').setAttribute('aria-busy', String(busy));
});

/** Shows one page, marks its tab, moves the focus to its heading and loads its data. */
export async function showPage(id) {
  for (const page of document.querySelectorAll('.page')) {
    page.hidden = page.id !== id;
  }
  for (const tab of document.querySelectorAll('.tab')) {
    if (tab.dataset.page === id) {
      tab.setAttribute('aria-current', 'page');
    } else {
      tab.removeAttribute('aria-current');
    }
  }
  const heading = document.querySelector(`#${id} h1`);
  if (heading) {
    heading.focus();
  }
  if (LOADERS[id]) {
    await LOADERS[id]();
  }
  document.body.dataset.page = id;
}

async function loadSettings() {
  let seconds = DEFAULT_IDLE_SECONDS;
  try {
    const settings = await api('/api/v1/kiosk/settings');
    if (settings && Number(settings.idleTimeoutSeconds) > 0) {
      seconds = Number(settings.idleTimeoutSeconds);
    }
  } catch (error) {
    // keep the safe default
  }
  session.setIdleTimeout(seconds);
  $('idle-minutes').textContent = seconds % 60 === 0 ? `${seconds / 60} minutes` : `${seconds} seconds`;
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
  const role = result.role;
  if (!CONSOLE_ROLES.includes(role)) {
    showError(new Error('The console is for administrators and auditors. Enrollers use the kiosk at /kiosk/.'));
    return;
  }
  session.begin({ token: result.access_token, username, role, expiresIn: Number(result.expires_in) || 900 });
  $('operator-name').textContent = username;
  $('operator-role').textContent = role;
  $('session-info').hidden = false;
  document.body.dataset.role = role;
  for (const tab of document.querySelectorAll('.admin-only')) {
    tab.hidden = role !== 'ADMIN';
  }
  passwordRequired = Boolean(result.password_change_required);
  if (passwordRequired) {
    $('account-required').hidden = false;
    await showPage('account-page');
    announce('Choose a new password to continue.');
    return;
  }
  $('nav').hidden = false;
  await showPage('overview-page');
  announce(`Logged in as ${username} (${role}).`);
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
  $('account-required').hidden = true;
  if (passwordRequired) {
    passwordRequired = false;
    $('nav').hidden = false;
    await showPage('overview-page');
  }
  announce('Your password was changed.');
}

function wipe() {
  resetOverview();
  resetDevices();
  resetPeople();
  resetImport();
  resetPolicies();
  resetSecurity();
  $('password-form').reset();
  $('account-required').hidden = true;
  $('operator-name').textContent = '';
  $('operator-role').textContent = '';
  $('session-info').hidden = true;
  $('nav').hidden = true;
  delete document.body.dataset.role;
  for (const dialog of document.querySelectorAll('dialog')) {
    if (dialog.open) {
      dialog.close();
    }
  }
}

const END_MESSAGES = {
  logoff: 'You are logged off.',
  idle: 'You were logged off because the console was not used for a while.',
  expired: 'Your session has ended. Please log in again.',
};

session.onEnd((reason, endedToken) => {
  if (reason !== 'expired') {
    logoutOnServer(endedToken);
  }
  wipe();
  clearMessages();
  for (const page of document.querySelectorAll('.page')) {
    page.hidden = page.id !== 'login-page';
  }
  announce(END_MESSAGES[reason] || END_MESSAGES.logoff);
  document.body.dataset.page = 'login-page';
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
  for (const tab of document.querySelectorAll('.tab')) {
    tab.addEventListener('click', () => {
      clearMessages();
      showPage(tab.dataset.page);
    });
  }
  initOverview();
  initDevices();
  initPeople();
  initImport();
  initPolicies();
  initSecurity();
  window.addEventListener('pagehide', () => session.end('logoff'));
  document.body.dataset.page = 'login-page';
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
