// People: staff (search, activate / deactivate) and operators (list, add with an initial password shown
// once, change role, reset password (shown once), log out everywhere, deactivate / activate, unlock).
import { api } from './http.js';
import { $, el, announce, showError, clearMessages, confirmAction, formatTime, table, formValues } from './ui.js';

export function initPeople() {
  $('staff-search').addEventListener('submit', (event) => {
    event.preventDefault();
    clearMessages();
    searchStaff();
  });
  $('operator-form').addEventListener('submit', (event) => {
    event.preventDefault();
    addOperator();
  });
  $('operator-created-done').addEventListener('click', hidePassword);
}

export async function loadPeople() {
  await Promise.all([searchStaff(), listOperators()]);
}

async function searchStaff() {
  const { q } = formValues($('staff-search'));
  const params = new URLSearchParams({ page: '0', size: '20' });
  if (q) params.set('q', q);
  try {
    const result = await api(`/api/v1/staff?${params}`);
    const rows = (result.items || []).map((s) => [s.displayName, s.employeeId, s.clinicalRole, s.ward,
      (s.scopes || []).join(' ') || '–', s.active ? 'active' : 'inactive',
      el('button', { type: 'button', class: s.active ? 'danger small' : 'secondary small', 'data-staff': s.id,
        'aria-label': `${s.active ? 'Deactivate' : 'Activate'} ${s.displayName}`, onclick: () => setStaffActive(s, !s.active) },
      s.active ? 'Deactivate' : 'Activate')]);
    $('staff-results').replaceChildren(rows.length === 0 ? el('p', {}, 'Nobody found.')
      : table(`${result.total} staff member${result.total === 1 ? '' : 's'} (first 20)`,
        ['Name', 'Employee id', 'Role', 'Ward', 'Scopes', 'State', 'Action'], rows));
  } catch (error) {
    showError(error, 'Staff could not be listed');
  }
}

async function setStaffActive(staff, active) {
  clearMessages();
  if (!active && !(await confirmAction(`${staff.displayName} will no longer be able to authenticate anywhere.`, 'Deactivate'))) {
    return;
  }
  try {
    await api(`/api/v1/staff/${staff.id}/${active ? 'activate' : 'deactivate'}`, { method: 'POST' });
    announce(`${staff.displayName} is now ${active ? 'active' : 'inactive'}.`);
  } catch (error) {
    showError(error, 'The staff member was not changed');
  }
  await searchStaff();
}

async function listOperators() {
  try {
    const result = await api('/api/v1/operators?page=0&size=50');
    const rows = (result.items || []).map((o) => [o.username, o.role, o.active ? 'active' : 'inactive',
      o.locked ? 'locked' : '–', o.mustChangePassword ? 'yes' : 'no', formatTime(o.lastLoginAt), operatorActions(o)]);
    $('operator-results').replaceChildren(table(`${result.total} operator${result.total === 1 ? '' : 's'}`,
      ['Username', 'Role', 'State', 'Lock', 'Must change password', 'Last login', 'Actions'], rows));
  } catch (error) {
    showError(error, 'Operators could not be listed');
  }
}

function operatorActions(o) {
  const buttons = [];
  const button = (label, path, kind = 'secondary') => el('button', {
    type: 'button', class: `${kind} small`, 'data-operator': o.username, 'data-action': path,
    'aria-label': `${label} ${o.username}`, onclick: () => changeOperator(o, path, label),
  }, label);
  buttons.push(o.active ? button('Deactivate', 'deactivate', 'danger') : button('Activate', 'activate'));
  if (o.locked) {
    buttons.push(button('Unlock', 'unlock'));
  }
  buttons.push(el('button', {
    type: 'button', class: 'secondary small', 'data-operator': o.username, 'data-action': 'password-reset',
    'aria-label': `Reset the password of ${o.username}`, onclick: () => resetPassword(o),
  }, 'Reset password'));
  buttons.push(button('Log out everywhere', 'logout'));
  buttons.push(roleChooser(o));
  return el('div', { class: 'actions' }, buttons);
}

/** A role list and its button: a role change ends the operator's sessions (their tokens carry the old role). */
function roleChooser(o) {
  const roles = ['ENROLLER', 'AUDITOR', 'ADMIN'];
  const select = el('select', { 'data-operator': o.username, 'data-field': 'role', 'aria-label': `Role of ${o.username}` },
    ...roles.map((r) => el('option', { value: r, selected: r === o.role }, r)));
  const apply = el('button', {
    type: 'button', class: 'secondary small', 'data-operator': o.username, 'data-action': 'role',
    'aria-label': `Set the role of ${o.username}`, onclick: () => changeRole(o, select.value),
  }, 'Set role');
  return el('span', { class: 'role-chooser' }, select, apply);
}

async function changeRole(o, role) {
  clearMessages();
  if (role === o.role) {
    announce(`${o.username} already has the role ${role}.`);
    return;
  }
  if (!(await confirmAction(`${o.username} becomes ${role} and is logged out everywhere.`, 'Change role'))) {
    return;
  }
  try {
    await api(`/api/v1/operators/${o.id}/role`, { method: 'PUT', json: { role } });
    announce(`${o.username} is now ${role}.`);
  } catch (error) {
    showError(error, 'The role was not changed');
  }
  await listOperators();
}

async function resetPassword(o) {
  clearMessages();
  if (!(await confirmAction(`${o.username} gets a new one-time password and is logged out everywhere.`, 'Reset password'))) {
    return;
  }
  try {
    const created = await api(`/api/v1/operators/${o.id}/password-reset`, { method: 'POST' });
    showPassword(created.operator.username, created.initialPassword);
    await listOperators();
  } catch (error) {
    showError(error, 'The password was not reset');
  }
}

async function changeOperator(o, path, label) {
  clearMessages();
  if (path === 'deactivate' && !(await confirmAction(`${o.username} will no longer be able to log in.`, 'Deactivate'))) {
    return;
  }
  try {
    await api(`/api/v1/operators/${o.id}/${path}`, { method: 'POST' });
    announce(`${label}: done for ${o.username}.`);
  } catch (error) {
    showError(error, `${label} failed`);
  }
  await listOperators();
}

async function addOperator() {
  clearMessages();
  const form = $('operator-form');
  if (!form.checkValidity()) {
    showError(new Error('Enter a username of lower-case letters, digits, dot, dash or underscore.'));
    $('operator-username').focus();
    return;
  }
  try {
    const created = await api('/api/v1/operators', { method: 'POST', json: formValues(form) });
    form.reset();
    showPassword(created.operator.username, created.initialPassword);
    await listOperators();
  } catch (error) {
    showError(error, 'The operator was not added');
  }
}

/** Shows a one-time password (new operator or reset) until "Done" is pressed. */
function showPassword(username, password) {
  $('operator-created-name').textContent = username;
  $('operator-created-password').textContent = password;
  $('operator-created').hidden = false;
  $('operator-created-title').focus();
}

function hidePassword() {
  $('operator-created').hidden = true;
  $('operator-created-password').textContent = '';
  $('operator-created-name').textContent = '';
}

export function resetPeople() {
  hidePassword();
  $('staff-results').replaceChildren();
  $('operator-results').replaceChildren();
  $('staff-search').reset();
  $('operator-form').reset();
}
