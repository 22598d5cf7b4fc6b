// People: staff (search, activate / deactivate) and operators (list, add with an initial password shown
// once, deactivate / activate, unlock).
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
  return el('div', { class: 'actions' }, buttons);
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
    $('operator-created-name').textContent = created.operator.username;
    $('operator-created-password').textContent = created.initialPassword;
    $('operator-created').hidden = false;
    $('operator-created-title').focus();
    await listOperators();
  } catch (error) {
    showError(error, 'The operator was not added');
  }
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
