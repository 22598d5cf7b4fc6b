// Fingerprint enrollment per finger: three or more impressions exported by the scanner, chosen
// with the file input or dropped on the page, sent with POST /api/v1/staff/{id}/fingerprints.
import { api, ApiError } from './http.js';
import { $, el, announce, showError, clearMessages } from './ui.js';
import { fingerName, fingerprintReason } from './guidance.js';

const IMPRESSIONS_NEEDED = 3;
let files = [];
let verdicts = new Map();   // file -> { ok, reasons } from the last answer, shown next to the file
let staffIdOf = () => null;
let onEnrolled = () => {};

export function initFingerprint({ staffId, enrolled }) {
  staffIdOf = staffId;
  onEnrolled = enrolled;
  const input = $('finger-files');
  input.addEventListener('change', () => {
    addFiles(input.files);
    input.value = '';
  });
  const zone = $('finger-drop');
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    addFiles(event.dataTransfer.files);
  });
  // A file dropped next to the zone must not make the browser leave the kiosk.
  document.addEventListener('dragover', (event) => event.preventDefault());
  document.addEventListener('drop', (event) => event.preventDefault());
  $('finger-form').addEventListener('submit', (event) => {
    event.preventDefault();
    upload();
  });
  $('finger-select').addEventListener('change', () => $('finger-result').replaceChildren());
}

function addFiles(list) {
  for (const file of list) {
    files.push(file);
  }
  renderFiles();
}

function fileVerdict(file) {
  const verdict = verdicts.get(file);
  if (!verdict) {
    return null;
  }
  return verdict.ok ? el('span', { class: 'verdict-ok' }, 'no problem found')
    : el('span', { class: 'verdict-bad' }, `refused – ${verdict.reasons.map(fingerprintReason).join('; ')}`);
}

function renderFiles() {
  $('finger-file-list').replaceChildren(...files.map((file, i) => el('li', {
    'data-file': file.name,
    'data-verdict': verdicts.has(file) ? (verdicts.get(file).ok ? 'accepted' : 'refused') : null,
  },
    `${file.name} (${Math.max(1, Math.round(file.size / 1024))} KB) `,
    el('button', {
      type: 'button', class: 'link', 'aria-label': `Remove impression ${i + 1}, ${file.name}`,
      onclick: () => {
        verdicts.delete(files[i]);
        files.splice(i, 1);
        renderFiles();
        $('finger-files').focus();
      },
    }, 'Remove'),
    fileVerdict(file))));
  announce(`${files.length} impression${files.length === 1 ? '' : 's'} chosen.`);
}

async function upload() {
  clearMessages();
  const staffId = staffIdOf();
  const finger = Number($('finger-select').value);
  const dpi = Number($('finger-dpi').value);
  if (files.length < IMPRESSIONS_NEEDED) {
    showError(new Error(`Choose at least ${IMPRESSIONS_NEEDED} impressions of the ${fingerName(finger)} (${files.length} chosen).`));
    $('finger-files').focus();
    return;
  }
  if (!Number.isInteger(dpi) || dpi < 250 || dpi > 1500) {
    showError(new Error('Scanner resolution must be a whole number of dots per inch between 250 and 1500 (usually 500).'));
    $('finger-dpi').focus();
    return;
  }
  const form = new FormData();
  form.append('finger', String(finger));
  form.append('dpi', String(dpi));
  files.forEach((file) => form.append('impressions', file, file.name));
  const sent = files.slice();
  const result = $('finger-result');
  try {
    const answer = await api(`/api/v1/staff/${staffId}/fingerprints`, { method: 'POST', form });
    const refused = new Map((answer.refused || []).map((r) => [r.index, r.reasons || []]));
    const lines = sent.map((file, i) => {
      const reasons = refused.get(i);
      return el('li', { 'data-verdict': reasons ? 'refused' : 'accepted' },
        `Impression ${i + 1} (${file.name}): `,
        reasons ? el('span', { class: 'verdict-bad' }, `refused – ${reasons.map(fingerprintReason).join('; ')}`)
          : el('span', { class: 'verdict-ok' }, 'accepted'));
    });
    result.className = answer.enrolled ? 'result ok' : 'result bad';
    result.replaceChildren(
      el('p', { id: 'finger-verdict', class: answer.enrolled ? 'verdict-ok' : 'verdict-bad' }, answer.enrolled
        ? `${capitalize(fingerName(finger))} enrolled with ${answer.impressions} impressions.`
        : `${capitalize(fingerName(finger))} not enrolled: not enough good impressions. Scan the finger again.`),
      el('ol', { class: 'verdicts' }, lines));
    result.scrollIntoView({ block: 'nearest' });
    if (answer.enrolled) {
      files = [];
      verdicts = new Map();
      renderFiles();
      announce(`${capitalize(fingerName(finger))} enrolled.`);
    }
    onEnrolled();
  } catch (error) {
    result.className = 'result bad';
    const perFile = error instanceof ApiError ? (error.problem.impressions || []) : [];
    verdicts = new Map();
    if (perFile.length > 0) {
      // Every file gets its own verdict next to it in the list: refused with the reason, or fine.
      const refused = new Map(perFile.map((p) => [p.index, p.reasons || []]));
      sent.forEach((file, i) => verdicts.set(file, refused.has(i) ? { ok: false, reasons: refused.get(i) } : { ok: true, reasons: [] }));
      renderFiles();
    }
    const reasons = error instanceof ApiError ? (error.problem.reasons || []) : [];
    const general = perFile.length > 0 ? reasons.filter((r) => !/^impression \d+[: ]/.test(String(r))) : reasons;
    result.replaceChildren(
      el('p', { id: 'finger-verdict', class: 'verdict-bad' }, fingerRefusal(error, finger, perFile.length)),
      general.length ? el('ul', {}, general.map((r) => el('li', {}, fingerprintReason(typeof r === 'string' ? r : JSON.stringify(r))))) : '');
    showError(error, 'Fingerprint enrollment refused');
    $('finger-file-list').scrollIntoView({ block: 'nearest' });
  }
}

function fingerRefusal(error, finger, filesRefused) {
  const name = capitalize(fingerName(finger));
  if (!(error instanceof ApiError)) {
    return `${name} not enrolled: ${error.message}`;
  }
  if (error.is('enrollment-refused') && filesRefused > 0) {
    return `${name} not enrolled: ${filesRefused} file${filesRefused === 1 ? ' was' : 's were'} refused – the reason is shown next to each file. Replace ${filesRefused === 1 ? 'it' : 'them'} and try again.`;
  }
  if (error.is('enrollment-refused')) {
    return `${name} not enrolled: the impressions do not look like the same finger. Scan the same finger again.`;
  }
  if (error.is('duplicate-identity')) {
    const existing = error.problem.existingStaff;
    return existing
      ? `Not enrolled: this fingerprint is already enrolled for ${existing.displayName} (employee id ${existing.employeeId}) – duplicate identity.`
      : 'Not enrolled: this fingerprint is already enrolled for another staff member (duplicate identity).';
  }
  if (error.is('consent-required')) {
    return 'Not enrolled: consent has not been recorded for this person.';
  }
  if (error.is('image-unsupported') || error.is('image-unusable') || error.is('image-too-large')) {
    return `${name} not enrolled: a file is not a fingerprint image the server can read (${error.message}).`;
  }
  return `${name} not enrolled: ${error.message}`;
}

function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Forgets chosen files and results, e.g. when another person is opened or at log-off. */
export function resetFingerprint() {
  files = [];
  verdicts = new Map();
  $('finger-file-list').replaceChildren();
  $('finger-result').replaceChildren();
  $('finger-result').className = 'result';
  $('finger-form').reset();
}
