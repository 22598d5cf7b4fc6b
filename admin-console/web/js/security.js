// Security: threat alerts with their automatic responses (acknowledge, resolve with a note, reverse a
// response), break-glass reviews closed with a note, signing keys (rotate), and the audit trail
// (search, verify the chain, export as JSON Lines). An AUDITOR sees the same page read-only, with what
// the API lets an auditor do: acknowledge alerts, search, verify and export the audit trail.
import { api } from './http.js';
import { $, el, announce, showError, clearMessages, confirmAction, formatTime, table, formValues, saveText } from './ui.js';

export function initSecurity() {
  $('alert-filter').addEventListener('submit', (event) => {
    event.preventDefault();
    clearMessages();
    listAlerts();
  });
  $('key-rotate').addEventListener('click', rotateKey);
  $('checkpoint-key-rotate').addEventListener('click', rotateCheckpointKey);
  $('audit-search').addEventListener('submit', (event) => {
    event.preventDefault();
    clearMessages();
    searchAudit();
  });
  $('audit-verify').addEventListener('click', verifyAudit);
  $('audit-export').addEventListener('click', exportAudit);
}

/** True for an ADMIN; an AUDITOR gets no resolve, reverse, review-closing or key actions (the API refuses them). */
function mayAdminister() {
  return document.body.dataset.role === 'ADMIN';
}

export async function loadSecurity() {
  await Promise.all([listAlerts(), listReviews(), mayAdminister() ? listKeys() : Promise.resolve(), searchAudit()]);
}

async function listAlerts() {
  const { status } = formValues($('alert-filter'));
  const params = new URLSearchParams({ page: '0', size: '50' });
  if (status) params.set('status', status);
  try {
    const result = await api(`/api/v1/threats/alerts?${params}`);
    const rows = (result.items || []).map((a) => [a.severity, a.detector, `${a.subjectType.toLowerCase()} ${a.subjectId}`,
      a.evidence, String(a.occurrences), formatTime(a.lastSeen), a.status.toLowerCase(), alertActions(a)]);
    $('alert-results').replaceChildren(rows.length === 0 ? el('p', {}, 'No alert.')
      : table(`${result.total} alert${result.total === 1 ? '' : 's'}`, ['Severity', 'Detector', 'Subject', 'Evidence', 'Seen', 'Last seen', 'Status', 'Actions'], rows));
  } catch (error) {
    showError(error, 'The alerts could not be listed');
  }
}

function alertActions(a) {
  const button = (label, action, handler, kind = 'secondary') => el('button', {
    type: 'button', class: `${kind} small`, 'data-alert': a.id, 'data-action': action, 'aria-label': `${label}: ${a.detector} alert on ${a.subjectId}`,
    onclick: handler,
  }, label);
  const buttons = [button('Responses', 'responses', () => listResponses(a))];
  if (a.status === 'OPEN') buttons.push(button('Acknowledge', 'acknowledge', () => acknowledge(a)));
  if (a.status !== 'RESOLVED' && mayAdminister()) buttons.push(button('Resolve', 'resolve', () => resolve(a), 'danger'));
  return el('div', { class: 'actions' }, buttons);
}

async function acknowledge(a) {
  clearMessages();
  try {
    await api(`/api/v1/threats/alerts/${a.id}/acknowledge`, { method: 'POST' });
    announce(`The ${a.detector} alert was acknowledged.`);
  } catch (error) {
    showError(error, 'The alert was not acknowledged');
  }
  await listAlerts();
}

async function resolve(a) {
  clearMessages();
  const answer = await askNote(`Resolve the ${a.detector} alert on ${a.subjectId}. What was found?`, 'Resolve alert');
  if (answer === null) {
    return;
  }
  try {
    await api(`/api/v1/threats/alerts/${a.id}/resolve`, { method: 'POST', json: { note: answer } });
    announce(`The ${a.detector} alert was resolved.`);
  } catch (error) {
    showError(error, 'The alert was not resolved');
  }
  await listAlerts();
}

async function listResponses(a) {
  clearMessages();
  try {
    const responses = await api(`/api/v1/threats/alerts/${a.id}/responses`);
    const rows = responses.map((r) => [r.action, `${r.targetType.toLowerCase()} ${r.targetId}`, formatTime(r.appliedAt),
      r.until ? formatTime(r.until) : '–', r.outcome || '–', r.reversedAt ? `reversed ${formatTime(r.reversedAt)}` : (mayAdminister() ? responseAction(a, r) : 'in force')]);
    $('alert-responses').replaceChildren(el('h3', { id: 'responses-title', tabindex: '-1' }, `Automatic responses to the ${a.detector} alert`),
      rows.length === 0 ? el('p', {}, 'No automatic response was taken.')
        : table(`${rows.length} response${rows.length === 1 ? '' : 's'}`, ['Action', 'Target', 'Applied', 'Until', 'Outcome', 'Reverse'], rows));
    $('responses-title').focus();
  } catch (error) {
    showError(error, 'The responses could not be listed');
  }
}

function responseAction(a, r) {
  return el('button', { type: 'button', class: 'danger small', 'data-response': r.id, 'aria-label': `Reverse ${r.action} of ${r.targetId}`,
    onclick: async () => {
      clearMessages();
      if (!(await confirmAction(`Reverse ${r.action.toLowerCase().replaceAll('_', ' ')} of ${r.targetType.toLowerCase()} ${r.targetId}?`, 'Reverse'))) {
        return;
      }
      try {
        await api(`/api/v1/threats/responses/${r.id}/reverse`, { method: 'POST' });
        announce(`${r.action} was reversed.`);
      } catch (error) {
        showError(error, 'The response was not reversed');
      }
      await listResponses(a);
    } }, 'Reverse');
}

async function listReviews() {
  try {
    const reviews = await api('/api/v1/threats/break-glass?status=PENDING&page=0&size=50');
    const rows = reviews.map((r) => [formatTime(r.createdAt), r.staffId, r.deviceId, r.reasonCode + (r.reasonText ? `: ${r.reasonText}` : ''),
      r.status.toLowerCase(), !mayAdminister() ? 'an ADMIN closes it' : el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'secondary small', 'data-review': r.id, 'data-justified': 'true',
          'aria-label': `Close review of ${formatTime(r.createdAt)} as justified`, onclick: () => closeReview(r, true) }, 'Justified'),
        el('button', { type: 'button', class: 'danger small', 'data-review': r.id, 'data-justified': 'false',
          'aria-label': `Close review of ${formatTime(r.createdAt)} as not justified`, onclick: () => closeReview(r, false) }, 'Not justified'))]);
    $('review-results').replaceChildren(rows.length === 0 ? el('p', {}, 'No open break-glass review.')
      : table(`${rows.length} open review${rows.length === 1 ? '' : 's'}`, ['When', 'Staff', 'Device', 'Reason', 'Status', 'Close'], rows));
  } catch (error) {
    showError(error, 'The break-glass reviews could not be listed');
  }
}

async function closeReview(r, justified) {
  clearMessages();
  const note = await askNote(`Close the emergency access of ${formatTime(r.createdAt)} as ${justified ? 'justified' : 'not justified'}. Note:`,
    'Close review');
  if (note === null) {
    return;
  }
  try {
    await api(`/api/v1/threats/break-glass/${r.id}/close`, { method: 'POST', json: { justified, note } });
    announce('The review was closed.');
  } catch (error) {
    showError(error, 'The review was not closed');
  }
  await listReviews();
}

async function listKeys() {
  try {
    const keys = await api('/api/v1/keys');
    $('key-results').replaceChildren(table(`${keys.length} published token signing key${keys.length === 1 ? '' : 's'}`,
      ['Key id', 'Created', 'Retired', 'Published until', 'Active'],
      keys.map((k) => [k.kid, formatTime(k.createdAt), k.retiredAt ? formatTime(k.retiredAt) : '–',
        k.publishUntil ? formatTime(k.publishUntil) : '–', k.active ? 'active' : '–'])));
  } catch (error) {
    showError(error, 'The signing keys could not be listed');
  }
}

async function rotateKey() {
  clearMessages();
  if (!(await confirmAction('A new key signs every token from now on; the old one stays published until its tokens expire.', 'Rotate key'))) {
    return;
  }
  try {
    const rotated = await api('/api/v1/keys/rotate', { method: 'POST' });
    announce(`The token signing key was rotated: ${rotated.kid} is active.`);
  } catch (error) {
    showError(error, 'The key was not rotated');
  }
  await listKeys();
}

/** The key that signs the audit trail's checkpoints: older checkpoints stay verifiable with the published old key. */
async function rotateCheckpointKey() {
  clearMessages();
  if (!(await confirmAction('A new key signs the audit checkpoints from now on; earlier checkpoints keep verifying with the old one.', 'Rotate key'))) {
    return;
  }
  try {
    const rotated = await api('/api/v1/audit/checkpoints/keys/rotate', { method: 'POST' });
    announce(`The audit checkpoint key was rotated: ${rotated.kid} signs from now on.`);
  } catch (error) {
    showError(error, 'The checkpoint key was not rotated');
  }
}

function auditParams() {
  const { action, targetId } = formValues($('audit-search'));
  const params = new URLSearchParams();
  if (action) params.set('action', action);
  if (targetId) params.set('targetId', targetId);
  return params;
}

async function searchAudit() {
  const params = auditParams();
  params.set('page', '0');
  params.set('size', '25');
  try {
    const result = await api(`/api/v1/audit?${params}`);
    const rows = (result.items || []).map((e) => [String(e.seq), formatTime(e.occurredAt), e.action, e.outcome,
      `${(e.actorType || '').toLowerCase()} ${e.actorId || ''}`.trim(), e.targetId ? `${(e.targetType || '').toLowerCase()} ${e.targetId}` : '–']);
    $('audit-results').replaceChildren(rows.length === 0 ? el('p', {}, 'No entry found.')
      : table(`${result.total} entr${result.total === 1 ? 'y' : 'ies'} (newest 25)`, ['Seq', 'When', 'Action', 'Outcome', 'Actor', 'Target'], rows));
  } catch (error) {
    showError(error, 'The audit trail could not be searched');
  }
}

async function verifyAudit() {
  clearMessages();
  const verdict = $('audit-verdict');
  try {
    const v = await api('/api/v1/audit/verify?scope=full');
    verdict.className = v.valid ? 'verdict-ok' : 'verdict-bad';
    verdict.textContent = v.valid
      ? `The chain is intact: ${v.entriesChecked} entries and ${v.checkpointsChecked} signed checkpoints checked.`
      : `The chain is broken at entry ${v.firstBrokenSeq} (${v.breakKind}): ${v.reason}`;
    announce(verdict.textContent);
  } catch (error) {
    showError(error, 'The audit trail could not be verified');
  }
}

async function exportAudit() {
  clearMessages();
  try {
    const lines = await api(`/api/v1/audit/export?${auditParams()}`, { text: 'application/jsonl' });
    saveText('careid-audit.jsonl', lines, 'application/jsonl');
    $('audit-export').dataset.bytes = String(lines.length);
    announce('The audit export was downloaded (JSON Lines with the signed checkpoints).');
  } catch (error) {
    showError(error, 'The audit trail could not be exported');
  }
}

/** Asks for a note in the note dialog; resolves to the text ('' allowed) or null when cancelled. */
function askNote(message, confirmLabel) {
  const dialog = $('note-dialog');
  $('note-message').textContent = message;
  $('note-ok').textContent = confirmLabel;
  $('note-text').value = '';
  return new Promise((resolve) => {
    const finish = (answer) => {
      $('note-ok').removeEventListener('click', ok);
      $('note-cancel').removeEventListener('click', cancel);
      dialog.removeEventListener('cancel', cancel);
      if (dialog.open) dialog.close();
      resolve(answer);
    };
    const ok = () => finish($('note-text').value.trim());
    const cancel = (event) => {
      if (event) event.preventDefault();
      finish(null);
    };
    $('note-ok').addEventListener('click', ok);
    $('note-cancel').addEventListener('click', cancel);
    dialog.addEventListener('cancel', cancel);
    dialog.showModal();
    $('note-text').focus();
  });
}

export function resetSecurity() {
  for (const id of ['alert-results', 'alert-responses', 'review-results', 'key-results', 'audit-results']) {
    $(id).replaceChildren();
  }
  $('audit-verdict').textContent = '';
  $('audit-search').reset();
  $('alert-filter').reset();
}
