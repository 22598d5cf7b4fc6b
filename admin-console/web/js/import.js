// Import: an HR CSV and a ZIP of badge photos. The page reads the CSV's header line to offer the
// column mapping, sends both files to POST /api/v1/staff/import, polls the job for its progress bar,
// and downloads the per-row report (fetched with the token, saved from a blob).
import { api } from './http.js';
import { $, el, announce, showError, clearMessages, table, saveText } from './ui.js';

const FIELDS = [
  { name: 'employeeId', label: 'Employee id', required: true, guesses: ['employeeid', 'employee id', 'employee_id', 'personnel no', 'staff number', 'staff id', 'id'] },
  { name: 'displayName', label: 'Name', required: true, guesses: ['displayname', 'name', 'full name', 'display name'] },
  { name: 'clinicalRole', label: 'Role', required: true, guesses: ['clinicalrole', 'role', 'job', 'job title', 'position'] },
  { name: 'ward', label: 'Ward', required: true, guesses: ['ward', 'unit', 'department', 'station'] },
  { name: 'scopes', label: 'Scopes', required: false, guesses: ['scopes', 'access', 'permissions'] },
  { name: 'consent', label: 'Biometric consent (yes / no)', required: false, guesses: ['consent', 'biometric consent', 'consent given'] },
];
const POLL_MS = 1000;
const FINISHED = ['DONE', 'FAILED', 'INTERRUPTED'];
let header = [];
let pollTimer = null;
let currentJob = null;
let consentVersion = null;

export function initImport() {
  $('import-csv').addEventListener('change', readHeader);
  $('import-form').addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  $('import-report').addEventListener('click', downloadReport);
}

export async function loadImport() {
  try {
    const text = await api('/api/v1/consent/text');
    consentVersion = text.version;
    $('import-consent-version').textContent = text.version;
  } catch (error) {
    showError(error, 'The consent text version could not be read');
  }
}

/** The CSV's first line, split as the server does (comma or semicolon, quoted names). */
export function headerOf(text) {
  const line = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] || '';
  const unquoted = line.replace(/"[^"]*"/g, '');
  const separator = (unquoted.match(/;/g) || []).length > (unquoted.match(/,/g) || []).length ? ';' : ',';
  return cells(line, separator).map((n) => n.trim()).filter((n) => n.length > 0);
}

async function readHeader() {
  clearMessages();
  const file = $('import-csv').files[0];
  header = [];
  if (file) {
    try {
      header = headerOf(await file.slice(0, 64 * 1024).text());
    } catch (error) {
      showError(new Error('The CSV file cannot be read.'));
    }
  }
  renderMapping();
}

function renderMapping() {
  const box = $('import-mapping');
  box.replaceChildren();
  $('import-mapping-panel').hidden = header.length === 0;
  for (const field of FIELDS) {
    const id = `map-${field.name}`;
    const lower = header.map((h) => h.toLowerCase());
    const guess = field.guesses.map((g) => lower.indexOf(g)).find((i) => i >= 0);
    const select = el('select', { id, name: field.name, 'data-field': field.name },
      el('option', { value: '' }, field.required ? '– choose a column –' : '– not in the file –'),
      header.map((h, i) => el('option', { value: h, selected: i === guess }, h)));
    box.append(el('div', {}, el('label', { for: id }, field.label + (field.required ? ' (required)' : '')), select));
  }
}

function mapping() {
  const map = {};
  for (const field of FIELDS) {
    const value = $(`map-${field.name}`) ? $(`map-${field.name}`).value : '';
    if (value) {
      map[field.name] = value;
    }
  }
  return map;
}

async function submit() {
  clearMessages();
  const csv = $('import-csv').files[0];
  if (!csv) {
    showError(new Error('Choose the CSV file exported from HR.'));
    $('import-csv').focus();
    return;
  }
  const map = mapping();
  const missing = FIELDS.filter((f) => f.required && !map[f.name]);
  if (missing.length > 0) {
    showError(new Error(`Choose the column for: ${missing.map((f) => f.label).join(', ')}.`));
    $(`map-${missing[0].name}`).focus();
    return;
  }
  const form = new FormData();
  form.append('csv', csv, csv.name);
  const photos = $('import-photos').files[0];
  if (photos) {
    form.append('photos', photos, photos.name);
  }
  form.append('mapping', JSON.stringify(map));
  if (map.consent && consentVersion) {
    form.append('consentTextVersion', consentVersion);
  }
  let job;
  try {
    job = await api('/api/v1/staff/import', { method: 'POST', form });
  } catch (error) {
    showError(error, 'The import was not started');
    return;
  }
  $('import-submit').disabled = true;
  $('import-refused').replaceChildren();
  $('import-report').hidden = true;
  $('import-progress-panel').hidden = false;
  $('import-progress-title').focus();
  announce(`Import started: ${job.rowsTotal} rows.`);
  show(job);
  poll(job.id);
}

function poll(id) {
  clearTimeout(pollTimer);
  pollTimer = setTimeout(async () => {
    let job;
    try {
      job = await api(`/api/v1/staff/import/${id}`, { indicator: $('import-polling') });
    } catch (error) {
      showError(error, 'The import progress could not be read');
      $('import-submit').disabled = false;
      return;
    }
    show(job);
    if (FINISHED.includes(job.state)) {
      finished(job);
    } else {
      poll(id);
    }
  }, POLL_MS);
}

function show(job) {
  currentJob = job;
  const bar = $('import-progress');
  bar.max = Math.max(1, job.rowsTotal);
  bar.value = job.rowsDone;
  bar.setAttribute('aria-valuetext', `${job.rowsDone} of ${job.rowsTotal} rows`);
  $('import-progress-text').textContent = `${job.rowsDone} of ${job.rowsTotal} rows done – ${job.created} created, `
    + `${job.updated} updated, ${job.unchanged} unchanged, ${job.enrolled} of ${job.photos} photos enrolled, ${job.refused} refused`;
  $('import-state').textContent = job.state.toLowerCase();
  document.body.dataset.importState = job.state;
}

async function finished(job) {
  $('import-submit').disabled = false;
  $('import-report').hidden = false;
  if (job.state !== 'DONE') {
    showError(new Error(job.failure || 'The import stopped.'), 'The import stopped');
    return;
  }
  const unmatched = job.unmatchedPhotos > 0 ? ` ${job.unmatchedPhotos} photo file(s) matched no row.` : '';
  announce(`Import finished: ${job.rowsDone} rows, ${job.refused} refused.${unmatched} Download the report for every row.`);
  try {
    const csv = await api(`/api/v1/staff/import/${job.id}/report`, { text: 'text/csv' });
    const rows = csv.trim().split(/\r\n/).slice(1).map((line) => cells(line)).filter((r) => r[2] === 'REFUSED' || r[3] === 'REFUSED');
    $('import-refused').replaceChildren(rows.length === 0 ? el('p', {}, 'No row was refused.')
      : table(`${rows.length} refused row${rows.length === 1 ? '' : 's'}${rows.length > 100 ? ' (first 100)' : ''}`,
        ['Line', 'Employee id', 'Staff', 'Photo', 'Reason'], rows.slice(0, 100)));
    $('import-refused').scrollIntoView({ block: 'end' });
  } catch (error) {
    showError(error, 'The report could not be read');
  }
}

/** One CSV line's cells, RFC 4180 quoting ("" inside quotes is a quote); the report uses commas. */
function cells(line, separator = ',') {
  const out = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { current += '"'; i++; } else if (c === '"') { quoted = false; } else { current += c; }
    } else if (c === '"') {
      quoted = true;
    } else if (c === separator) {
      out.push(current); current = '';
    } else {
      current += c;
    }
  }
  out.push(current);
  return out;
}

async function downloadReport() {
  if (!currentJob) {
    return;
  }
  clearMessages();
  try {
    const csv = await api(`/api/v1/staff/import/${currentJob.id}/report`, { text: 'text/csv' });
    saveText(`staff-import-${currentJob.id}-report.csv`, csv, 'text/csv');
    $('import-report').dataset.bytes = String(csv.length);
    announce('The report was downloaded.');
  } catch (error) {
    showError(error, 'The report could not be downloaded');
  }
}

export function resetImport() {
  clearTimeout(pollTimer);
  pollTimer = null;
  currentJob = null;
  header = [];
  $('import-form').reset();
  $('import-mapping').replaceChildren();
  $('import-mapping-panel').hidden = true;
  $('import-progress-panel').hidden = true;
  $('import-refused').replaceChildren();
  $('import-submit').disabled = false;
  delete document.body.dataset.importState;
}
