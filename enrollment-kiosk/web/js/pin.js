// The clinician's PIN at the kiosk (PUT /api/v1/staff/{id}/pin): typed twice on an on-screen pad
// (or the digit keys), never shown (dots only), never in an <input> (no autocomplete, no password
// manager, nothing in the DOM), confirmed by the clinician's own face from the live camera or a
// fingerprint file, then wiped from the page's memory whatever the answer.
import { api, ApiError } from './http.js';
import { $, el, announce, showError, clearMessages } from './ui.js';
import { openCamera, closeCamera, grabJpeg } from './camera.js';
import { faceGuidance } from './guidance.js';

const MIN_DIGITS = 6;
const MAX_DIGITS = 12;
const CHECK_INTERVAL_MS = 300;
const FACE_TIMEOUT_MS = 15000;

let staffIdOf = () => null;
let nameOf = () => '';
let digits = [];          // the PIN being typed, one digit per entry
let first = [];           // the first entry, kept until the second one is compared
let step = 0;             // 0 idle, 1 first entry, 2 second entry, 3 confirmation
let looking = false;      // the face confirmation is looking for a good picture

export function initPin({ staffId, displayName }) {
  staffIdOf = staffId;
  nameOf = displayName;
  $('pin-start').addEventListener('click', begin);
  for (const key of document.querySelectorAll('#pin-pad [data-digit]')) {
    key.addEventListener('click', (event) => {
      press(key.dataset.digit);
      // a tapped key must not keep a focus ring that shows onlookers the last digit; keyboard
      // activation (detail 0) keeps the focus where the keyboard user put it
      if (event.detail > 0) {
        $('pin-pad').focus({ preventScroll: true });
      }
    });
  }
  $('pin-back').addEventListener('click', backspace);
  $('pin-clear').addEventListener('click', clearDigits);
  $('pin-next').addEventListener('click', next);
  $('pin-cancel').addEventListener('click', () => cancel('PIN entry cancelled. Nothing was changed.'));
  $('pin-confirm-cancel').addEventListener('click', () => cancel('PIN entry cancelled. Nothing was changed.'));
  $('pin-entry').addEventListener('keydown', onKey);
  $('pin-face').addEventListener('click', confirmWithFace);
  $('pin-finger-form').addEventListener('submit', (event) => {
    event.preventDefault();
    confirmWithFingerprint();
  });
}

/** Shows the panel for a person who has a face or fingerprint to confirm with; hides and wipes it otherwise. */
export function showPinPanel(state) {
  const canConfirm = Boolean(state && ((state.face && state.face.samples > 0) || (state.fingerprints || []).length > 0));
  if (!canConfirm) {
    resetPin();
  }
  $('pin-panel').hidden = !canConfirm;
}

/** Forgets everything typed and stops the camera (another person opened, log-off). */
export function resetPin() {
  wipe();
  step = 0;
  stopCamera();
  $('pin-entry').hidden = true;
  $('pin-confirm').hidden = true;
  $('pin-start').hidden = false;
  $('pin-result').replaceChildren();
  $('pin-result').className = 'result';
  $('pin-finger-form').reset();
  $('pin-guidance').textContent = '';
  renderDots();
}

function begin() {
  clearMessages();
  resetPin();
  $('pin-start').hidden = true;
  $('pin-entry').hidden = false;
  enterStep(1, `Step 1 of 3: ${nameOf()}, type your new PIN (${MIN_DIGITS} to ${MAX_DIGITS} digits), then press Next.`);
}

function cancel(message) {
  clearMessages();
  resetPin();
  announce(message);
  $('pin-start').focus();
}

function enterStep(n, text) {
  step = n;
  digits = [];
  renderDots();
  $('pin-step').textContent = text;
  // The pad and its Next button in view together (a laptop or tablet screen), focus on the pad.
  $('pin-entry').scrollIntoView({ block: 'start' });
  $('pin-pad').focus({ preventScroll: true });
}

function press(digit) {
  if ((step !== 1 && step !== 2) || digits.length >= MAX_DIGITS || !/^[0-9]$/.test(digit)) {
    return;
  }
  digits.push(digit);
  renderDots();
}

function backspace() {
  if (digits.length > 0) {
    digits[digits.length - 1] = '';
    digits.pop();
    renderDots();
  }
}

function clearDigits() {
  digits.fill('');
  digits = [];
  renderDots();
}

/** Digit keys, Backspace, Escape (clear) and Enter (next) while the pad or one of its keys has focus. */
function onKey(event) {
  if (event.ctrlKey || event.altKey || event.metaKey) {
    return;
  }
  if (/^[0-9]$/.test(event.key)) {
    event.preventDefault();
    press(event.key);
  } else if (event.key === 'Backspace') {
    event.preventDefault();
    backspace();
  } else if (event.key === 'Escape') {
    event.preventDefault();
    clearDigits();
  } else if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement)) {
    event.preventDefault();
    next();
  }
}

/** One dot per digit typed; the count is also said in words for screen readers, never the digits. */
function renderDots() {
  $('pin-dots').textContent = '\u25CF'.repeat(digits.length);
  $('pin-count').textContent = digits.length === 0 ? 'No digits typed yet. Digit keys work too.'
    : `${digits.length} digit${digits.length === 1 ? '' : 's'} typed.`;
}

function next() {
  clearMessages();
  if (digits.length < MIN_DIGITS) {
    showError(new Error(`The PIN needs at least ${MIN_DIGITS} digits.`));
    $('pin-pad').focus();
    return;
  }
  if (step === 1) {
    first = digits;
    digits = [];
    enterStep(2, 'Step 2 of 3: type the same PIN again, then press Next.');
    return;
  }
  const same = first.length === digits.length && first.every((d, i) => d === digits[i]);
  if (!same) {
    wipe();
    showError(new Error('The two PINs are not the same. Type the new PIN again.'));
    enterStep(1, `Step 1 of 3: ${nameOf()}, type your new PIN (${MIN_DIGITS} to ${MAX_DIGITS} digits), then press Next.`);
    return;
  }
  step = 3;
  $('pin-entry').hidden = true;
  $('pin-confirm').hidden = false;
  $('pin-face').focus();
}

/** Looks for a good live picture of the face (the server's picture check), then sends it with the PIN. */
async function confirmWithFace() {
  clearMessages();
  const video = $('pin-video');
  try {
    await openCamera(video);
  } catch (error) {
    showError(error);
    return;
  }
  $('pin-camera').hidden = false;
  $('pin-face').disabled = true;
  looking = true;
  const until = Date.now() + FACE_TIMEOUT_MS;
  $('pin-guidance').textContent = 'Look at the camera.';
  const canvas = document.createElement('canvas');
  while (looking && Date.now() < until) {
    const jpeg = await grabJpeg(video, canvas).catch(() => null);
    if (jpeg && looking) {
      const form = new FormData();
      form.append('image', jpeg, 'frame.jpg');
      form.append('purpose', 'authentication');   // judged as the 1:1 confirmation will be
      let check = null;
      try {
        check = await api('/api/v1/faces/check', { method: 'POST', form });
      } catch (error) {
        stopCamera();
        showError(error, 'The picture check is not working');
        return;
      }
      const quality = check.quality || {};
      if (quality.acceptable === true && looking) {
        stopCamera();
        await submit((form2) => form2.append('face', jpeg, 'face.jpg'));
        return;
      }
      const reasons = quality.reasons && quality.reasons.length ? quality.reasons : (check.faceCount === 0 ? ['NO_FACE'] : []);
      $('pin-guidance').textContent = faceGuidance(reasons);
    }
    await new Promise((resolve) => setTimeout(resolve, CHECK_INTERVAL_MS));
  }
  if (looking) {
    stopCamera();
    showError(new Error('No good picture of the face came in time. Check the light and try again, or use a fingerprint.'));
  }
}

async function confirmWithFingerprint() {
  clearMessages();
  const file = $('pin-finger-file').files[0];
  if (!file) {
    showError(new Error('Choose the fingerprint image file from the scanner first.'));
    $('pin-finger-file').focus();
    return;
  }
  stopCamera();
  await submit((form) => {
    form.append('fingerprint', file, file.name);
    form.append('finger', $('pin-finger').value);
    form.append('dpi', $('pin-finger-dpi').value || '500');
  });
}

/** Sends the PIN with the confirmation; the digits are wiped from memory whatever the answer. */
async function submit(addConfirmation) {
  const staffId = staffIdOf();
  if (step !== 3 || !staffId) {
    return;
  }
  const form = new FormData();
  form.append('pin', digits.join(''));
  form.append('pinRepeated', first.join(''));
  addConfirmation(form);
  wipe();
  const result = $('pin-result');
  try {
    await api(`/api/v1/staff/${encodeURIComponent(staffId)}/pin`, { method: 'PUT', form });
    resetPin();
    result.className = 'result ok';
    result.replaceChildren(el('p', { class: 'verdict-ok', id: 'pin-verdict' },
      `PIN set for ${nameOf()}. It opens emergency access together with their staff id; the kiosk kept no copy.`));
    announce(`The PIN of ${nameOf()} was set.`);
  } catch (error) {
    resetPin();
    result.className = 'result bad';
    result.replaceChildren(el('p', { class: 'verdict-bad', id: 'pin-verdict' }, pinRefusal(error)));
    showError(error, 'PIN not set');
  }
  $('pin-start').focus();
}

/** The refusal in plain words, from the problem body's type and violations. */
function pinRefusal(error) {
  if (!(error instanceof ApiError)) {
    return `PIN not set: ${error.message}`;
  }
  const violations = error.problem.violations || [];
  const pin = violations.find((v) => v.field === 'pin');
  if (pin) {
    return `PIN not set: the PIN ${pin.message}. Choose another PIN.`;
  }
  if (violations.some((v) => v.field === 'pinRepeated')) {
    return 'PIN not set: the two PINs were not the same. Type the new PIN again.';
  }
  if (error.status === 403) {
    return 'PIN not set: the face or fingerprint did not confirm that this is the clinician\'s own PIN. '
      + 'Only the clinician can set their PIN, confirmed with their own enrolled face or fingerprint.';
  }
  if (error.is('capture-rejected') || error.is('image-unusable') || error.is('presentation-attack-suspected')) {
    return `PIN not set: the confirmation picture could not be used (${error.message}). Try again.`;
  }
  return `PIN not set: ${error.message}`;
}

function wipe() {
  digits.fill('');
  first.fill('');
  digits = [];
  first = [];
  renderDots();
}

function stopCamera() {
  looking = false;
  closeCamera($('pin-video'));
  $('pin-camera').hidden = true;
  $('pin-face').disabled = false;
}
