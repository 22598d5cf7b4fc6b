// Policies: factors required per scope and device type, the head-turn challenge flag (through
// /api/v1/auth/policies, which audits every change), and the emergency settings (an ADMIN's edit, audited,
// or the server configuration).
import { api } from './http.js';
import { $, el, announce, showError, clearMessages, confirmAction, table, formValues } from './ui.js';

export function initPolicies() {
  $('policy-form').addEventListener('submit', (event) => {
    event.preventDefault();
    saveRule();
  });
  $('emergency-form').addEventListener('submit', (event) => {
    event.preventDefault();
    saveEmergency();
  });
  $('emergency-reset').addEventListener('click', resetEmergency);
}

export async function loadPolicies() {
  await Promise.all([listRules(), loadScopes(), loadEmergency()]);
}

async function loadScopes() {
  try {
    const scopes = await api('/api/v1/scopes');
    const select = $('policy-scope');
    const chosen = select.value;
    select.replaceChildren(...scopes.map((s) => el('option', { value: s.name, selected: s.name === chosen }, `${s.name} – ${s.description}`)));
  } catch (error) {
    showError(error, 'The known scopes could not be listed');
  }
}

async function listRules() {
  try {
    const rules = await api('/api/v1/auth/policies');
    const rows = rules.map((r) => [r.scope, r.deviceType === '*' ? '* (every type)' : r.deviceType, String(r.requiredFactors),
      r.faceChallenge ? 'yes' : 'no', ruleActions(r)]);
    $('policy-results').replaceChildren(rows.length === 0 ? el('p', {}, 'No rule: every scope needs one factor.')
      : table(`${rows.length} rule${rows.length === 1 ? '' : 's'}`, ['Scope', 'Device type', 'Factors', 'Head-turn challenge', 'Actions'], rows));
  } catch (error) {
    showError(error, 'The policy could not be listed');
  }
}

function ruleActions(rule) {
  const label = `${rule.scope} at ${rule.deviceType}`;
  return el('div', { class: 'actions' },
    el('button', { type: 'button', class: 'secondary small', 'data-rule': rule.id, 'data-action': 'edit', 'aria-label': `Edit ${label}`,
      onclick: () => edit(rule) }, 'Edit'),
    el('button', { type: 'button', class: 'danger small', 'data-rule': rule.id, 'data-action': 'delete', 'aria-label': `Delete ${label}`,
      onclick: () => deleteRule(rule) }, 'Delete'));
}

function edit(rule) {
  clearMessages();
  const select = $('policy-scope');
  if (![...select.options].some((o) => o.value === rule.scope)) {
    select.append(el('option', { value: rule.scope }, rule.scope));
  }
  select.value = rule.scope;
  $('policy-device-type').value = rule.deviceType;
  $('policy-factors').value = String(rule.requiredFactors);
  $('policy-challenge').checked = rule.faceChallenge;
  $('policy-factors').focus();
}

async function saveRule() {
  clearMessages();
  const form = $('policy-form');
  if (!form.checkValidity()) {
    showError(new Error('Choose a scope and enter a device type (lower case, or * for every type).'));
    $('policy-device-type').focus();
    return;
  }
  const { scope, deviceType } = formValues(form);
  const body = { scope, deviceType, requiredFactors: Number($('policy-factors').value), faceChallenge: $('policy-challenge').checked };
  try {
    const rule = await api('/api/v1/auth/policies', { method: 'PUT', json: body });
    announce(`${rule.scope} at ${rule.deviceType} now needs ${rule.requiredFactors} factor${rule.requiredFactors === 1 ? '' : 's'}`
      + `${rule.faceChallenge ? ', and the head-turn challenge for a face alone' : ''}.`);
    await listRules();
  } catch (error) {
    showError(error, 'The rule was not saved');
  }
}

async function deleteRule(rule) {
  clearMessages();
  if (!(await confirmAction(`Without this rule, ${rule.scope} at ${rule.deviceType} falls back to the rule for every type, or to one factor.`,
    'Delete rule'))) {
    return;
  }
  try {
    await api(`/api/v1/auth/policies/${rule.id}`, { method: 'DELETE' });
    announce(`The rule for ${rule.scope} at ${rule.deviceType} was deleted.`);
  } catch (error) {
    showError(error, 'The rule was not deleted');
  }
  await listRules();
}

async function loadEmergency() {
  try {
    showEmergency(await api('/api/v1/auth/policies/emergency'));
  } catch (error) {
    showError(error, 'The emergency settings could not be read');
  }
}

function showEmergency(e) {
  const source = e.source === 'administrator'
    ? `set by an administrator ${e.updatedAt ? new Date(e.updatedAt).toLocaleString() : ''}`
    : 'the server configuration (careid.breakglass.* and careid.threat.break-glass.*)';
  $('emergency-settings').replaceChildren(
    table(`Emergency access settings in force: ${source}`, ['Setting', 'Value'], [
      ['Scope of an emergency token', (e.scope || []).join(' ')],
      ['Token lifetime', `${e.lifetimeSeconds} seconds`],
      ['Disabled at device types', (e.disabledDeviceTypes || []).join(', ') || 'none'],
      ['Uses per person', `${e.perStaff} in ${e.windowHours} hours`],
      ['Uses per device', `${e.perDevice} in ${e.windowHours} hours`],
    ]),
    el('p', { class: 'hint' }, 'Every emergency access opens a break-glass review (Security page).'));
  $('emergency-scope').value = (e.scope || []).join(' ');
  $('emergency-lifetime').value = e.lifetimeSeconds;
  $('emergency-disabled').value = (e.disabledDeviceTypes || []).join(' ');
  $('emergency-per-staff').value = e.perStaff;
  $('emergency-per-device').value = e.perDevice;
  $('emergency-window').value = e.windowHours;
  $('emergency-reset').hidden = e.source !== 'administrator';
}

const words = (text) => String(text || '').trim().split(/\s+/).filter(Boolean);

async function saveEmergency() {
  clearMessages();
  const form = $('emergency-form');
  if (!form.checkValidity()) {
    showError(new Error('Every field but the disabled device types is required, within the bounds shown.'));
    return;
  }
  const v = formValues(form);
  try {
    const saved = await api('/api/v1/auth/policies/emergency', { method: 'PUT', json: {
      scope: words(v.scope), lifetimeSeconds: Number(v.lifetimeSeconds), disabledDeviceTypes: words(v.disabledDeviceTypes),
      perStaff: Number(v.perStaff), perDevice: Number(v.perDevice), windowHours: Number(v.windowHours),
    } });
    showEmergency(saved);
    announce('The emergency settings were saved; they hold on every replica now.');
  } catch (error) {
    showError(error, 'The emergency settings were not saved');
  }
}

async function resetEmergency() {
  clearMessages();
  if (!(await confirmAction('The emergency settings return to the server configuration.', 'Return to configuration'))) {
    return;
  }
  try {
    showEmergency(await api('/api/v1/auth/policies/emergency', { method: 'DELETE' }));
    announce('The emergency settings are the server configuration again.');
  } catch (error) {
    showError(error, 'The emergency settings were not reset');
  }
}

export function resetPolicies() {
  $('policy-results').replaceChildren();
  $('emergency-settings').replaceChildren();
  $('policy-form').reset();
}
