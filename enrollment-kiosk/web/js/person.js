// One staff member: details and editing, enrollment state, consent and its withdrawal.
// The capture panel only appears once consent is recorded (no consent, no capture).
import { api } from './http.js';
import { describeActor } from './session.js';
import { $, el, announce, showError, clearMessages, showView, confirmAction, formatTime } from './ui.js';
import { chosenScopes, setScopes, validate } from './staff.js';
import { fingerName } from './guidance.js';

let person = null;
let state = null;
let consentVersion = null;
const closeListeners = [];
const stateListeners = [];

export function currentStaffId() {
  return person ? person.id : null;
}

export function currentDisplayName() {
  return person ? person.displayName : '';
}

/** Called with the enrollment state whenever it is shown, and with null when it is gone. */
export function onState(listener) {
  stateListeners.push(listener);
}

/** Called when the person view is left or its capture panel is hidden, to stop the camera. */
export function onClose(listener) {
  closeListeners.push(listener);
}

export function initPerson({ onBack }) {
  $('back-to-search').addEventListener('click', () => {
    close();
    onBack();
  });
  $('edit-form').addEventListener('submit', (event) => {
    event.preventDefault();
    saveEdit();
  });
  $('consent-form').addEventListener('submit', (event) => {
    event.preventDefault();
    recordConsent();
  });
  $('withdraw-consent').addEventListener('click', withdrawConsent);
  $('delete-biometrics').addEventListener('click', () => erase('biometrics',
    'This erases every face sample and fingerprint of', 'Delete all biometrics'));
  $('delete-face').addEventListener('click', () => erase('faces',
    'This erases the face samples of', 'Delete face data'));
  $('delete-fingerprints').addEventListener('click', () => erase('fingerprints',
    'This erases every fingerprint of', 'Delete fingerprints'));
}

export async function open(id) {
  clearMessages();
  try {
    person = await api(`/api/v1/staff/${encodeURIComponent(id)}`);
  } catch (error) {
    showError(error, 'Could not open the staff member');
    return;
  }
  renderPerson();
  showView('person-view');
  await refreshState();
}

export function close() {
  closeListeners.forEach((l) => l());
  stateListeners.forEach((l) => l(null));
  person = null;
  state = null;
  $('person-title').textContent = '';
  $('person-summary').textContent = '';
  $('edit-form').reset();
  $('edit-panel').open = false;
  $('state-body').replaceChildren();
  $('consent-text').textContent = '';
  $('consent-form').reset();
  $('consent-form').hidden = true;
  $('consent-given').hidden = true;
  $('consent-unknown').hidden = true;
  $('capture-panel').hidden = true;
  for (const id of ['delete-face', 'delete-fingerprints', 'delete-biometrics']) {
    $(id).hidden = true;
  }
}

function renderPerson() {
  $('person-title').textContent = person.displayName;
  const scopes = person.scopes && person.scopes.length > 0 ? person.scopes.join(' ') : 'none';
  $('person-summary').textContent = `Employee id ${person.employeeId} · ${person.clinicalRole} · ward ${person.ward}`
    + ` · scopes: ${scopes}${person.active ? '' : ' · INACTIVE'}`;
  $('edit-display-name').value = person.displayName;
  $('edit-clinical-role').value = person.clinicalRole;
  $('edit-ward').value = person.ward;
  setScopes('edit-scopes', person.scopes || []);
}

async function saveEdit() {
  clearMessages();
  if (!validate($('edit-form'))) {
    return;
  }
  const body = {
    displayName: $('edit-display-name').value.trim(),
    clinicalRole: $('edit-clinical-role').value.trim(),
    ward: $('edit-ward').value.trim(),
  };
  // Scopes go only from an enabled field (ADMIN); the server refuses them from anyone else.
  if (!$('edit-scopes').disabled) {
    body.scopes = chosenScopes('edit-scopes');
  }
  try {
    person = await api(`/api/v1/staff/${person.id}`, { method: 'PUT', json: body });
    renderPerson();
    announce(`Changes to ${person.displayName} were saved.`);
  } catch (error) {
    showError(error, 'Could not save the changes');
  }
}

export async function refreshState() {
  if (!person) {
    return;
  }
  try {
    state = await api(`/api/v1/staff/${person.id}/biometrics`);
  } catch (error) {
    state = null;
    stateListeners.forEach((l) => l(null));
    $('state-body').replaceChildren(el('p', {}, 'The enrollment state could not be read.'));
    showError(error, 'Enrollment state');
    renderConsent();
    return;
  }
  renderState();
  await renderConsent();
}

function renderState() {
  const items = [];
  if (state.face && state.face.samples > 0) {
    items.push(el('li', { 'data-modality': 'face' },
      `Face: ${state.face.samples} sample${state.face.samples === 1 ? '' : 's'}`
      + `${state.face.enrolled === false ? ' (not enough to enroll yet)' : ''}, last taken ${formatTime(state.face.enrolledAt)}`
      + ` by ${describeActor(state.face.enrolledBy)}`));
  } else {
    items.push(el('li', { 'data-modality': 'face' }, 'Face: not enrolled'));
  }
  const fingers = state.fingerprints || [];
  if (fingers.length === 0) {
    items.push(el('li', { 'data-modality': 'fingerprint' }, 'Fingerprints: none enrolled'));
  }
  for (const f of fingers) {
    items.push(el('li', { 'data-modality': 'fingerprint', 'data-finger': f.finger },
      `Fingerprint, ${fingerName(f.finger)} (${f.finger}): ${f.impressions} impressions, enrolled ${formatTime(f.enrolledAt)}`
      + ` by ${describeActor(f.enrolledBy)}`));
  }
  $('state-body').replaceChildren(el('ul', { class: 'state-list', id: 'state-list' }, items));
  const hasFace = Boolean(state.face && state.face.samples > 0);
  $('delete-face').hidden = !hasFace;
  $('delete-fingerprints').hidden = fingers.length === 0;
  $('delete-biometrics').hidden = !hasFace && fingers.length === 0;
  stateListeners.forEach((l) => l(state));
}

async function renderConsent() {
  const consent = state ? state.consent : null;
  if (consent) {
    $('consent-given-text').textContent = `Consent recorded ${formatTime(consent.recordedAt)} by ${describeActor(consent.recordedBy)}`
      + ` (consent text version ${consent.textVersion}).`;
    $('consent-given').hidden = false;
    $('consent-unknown').hidden = true;
    $('consent-form').hidden = true;
    $('capture-panel').hidden = false;
    return;
  }
  $('consent-given').hidden = true;
  hideCapture();
  $('consent-unknown').hidden = state !== null;
  if (!state) {
    $('consent-form').hidden = true;
    return;
  }
  try {
    const text = await api('/api/v1/consent/text');
    consentVersion = text.version;
    $('consent-text').textContent = text.text;
    $('consent-version').textContent = `Consent text version ${text.version}`;
    $('consent-form').hidden = false;
  } catch (error) {
    showError(error, 'The consent text could not be loaded');
  }
}

function hideCapture() {
  if (!$('capture-panel').hidden) {
    closeListeners.forEach((l) => l());
  }
  $('capture-panel').hidden = true;
}

async function recordConsent() {
  clearMessages();
  if (!$('consent-agree').checked) {
    showError(new Error('Tick the box once the person has agreed. Without consent nothing is captured.'));
    $('consent-agree').focus();
    return;
  }
  try {
    await api(`/api/v1/staff/${person.id}/consent`, { method: 'POST', json: { textVersion: consentVersion } });
    announce(`Consent of ${person.displayName} was recorded. You can now capture.`);
    await refreshState();
    // The consent form is gone: keyboard focus goes to the capture section, not to the page body.
    $('capture-title').focus();
  } catch (error) {
    showError(error, 'Could not record consent');
  }
}

async function withdrawConsent() {
  clearMessages();
  const sure = await confirmAction(`Withdrawing consent erases every face sample and fingerprint of ${person.displayName}. `
    + 'This cannot be undone.', 'Withdraw and erase');
  if (!sure) {
    return;
  }
  try {
    await api(`/api/v1/staff/${person.id}/consent`, { method: 'DELETE' });
    announce(`Consent of ${person.displayName} was withdrawn and their biometric data erased.`);
    await refreshState();
    $('consent-title').focus();
  } catch (error) {
    showError(error, 'Could not withdraw consent');
  }
}

async function erase(what, message, label) {
  clearMessages();
  const sure = await confirmAction(`${message} ${person.displayName}. This cannot be undone.`, label);
  if (!sure) {
    return;
  }
  try {
    await api(`/api/v1/staff/${person.id}/${what}`, { method: 'DELETE' });
    announce(`${label}: done for ${person.displayName}.`);
    await refreshState();
    $('state-title').focus();
  } catch (error) {
    showError(error, `${label} failed`);
  }
}
