// Finding and adding staff members: search by name, employee id or ward with paging, and the
// "add a staff member" form. Scopes are offered to ADMIN operators only, as choices from the
// server's list of known scopes (GET /api/v1/scopes).
import { api } from './http.js';
import * as session from './session.js';
import { $, el, announce, showError, clearMessages } from './ui.js';

const PAGE_SIZE = 10;
let knownScopes = [];
let lastQuery = '';
let page = 0;
let total = 0;
let openPerson = () => {};

/** The scopes ticked in a scope fieldset (create-scopes or edit-scopes). */
export function chosenScopes(fieldsetId) {
  return [...$(fieldsetId).querySelectorAll('input[type=checkbox]:checked')].map((box) => box.value);
}

/** Ticks exactly the given scopes; a granted scope the list no longer holds is still shown, ticked. */
export function setScopes(fieldsetId, scopes) {
  renderScopeOptions(fieldsetId, scopes || []);
}

function renderScopeOptions(fieldsetId, ticked) {
  const fieldset = $(fieldsetId);
  const names = [...new Set([...knownScopes.map((s) => s.name), ...ticked])].sort();
  const describe = new Map(knownScopes.map((s) => [s.name, s.description]));
  fieldset.querySelector('[data-scope-options]').replaceChildren(...names.map((name, i) => {
    const id = `${fieldsetId}-${i}`;
    return el('label', { for: id },
      el('input', { type: 'checkbox', id, value: name, checked: ticked.includes(name), 'data-scope': name }),
      el('span', {}, el('code', {}, name), describe.has(name) ? ` – ${describe.get(name)}` : ' – no longer in the list'));
  }));
}

/** Fetches the known scopes (ADMIN only: nobody else grants them) and offers them as choices. */
export async function loadScopes() {
  if (!session.isAdmin()) {
    knownScopes = [];
    return;
  }
  try {
    knownScopes = await api('/api/v1/scopes');
  } catch (error) {
    knownScopes = [];
    showError(error, 'The list of scopes could not be loaded');
  }
  renderScopeOptions('create-scopes', []);
  renderScopeOptions('edit-scopes', []);
}

/** Shows scope fields to ADMIN only; for anyone else they are hidden and disabled. */
export function applyRole() {
  const admin = session.isAdmin();
  for (const block of document.querySelectorAll('.admin-only')) {
    block.hidden = !admin;
    block.disabled = !admin;
    for (const input of block.querySelectorAll('input')) {
      input.disabled = !admin;
    }
  }
  for (const note of document.querySelectorAll('.enroller-only')) {
    note.hidden = admin;
  }
}

/** Checks a form with the browser's constraints and names the fields to fix. */
export function validate(form) {
  if (form.checkValidity()) {
    return true;
  }
  const names = [...form.elements]
    .filter((e) => e.willValidate && !e.validity.valid)
    .map((e) => (e.labels && e.labels[0] ? e.labels[0].textContent.trim() : e.name));
  showError(new Error(`Please check: ${names.join(', ')}.`));
  const first = [...form.elements].find((e) => e.willValidate && !e.validity.valid);
  if (first) {
    first.focus();
  }
  return false;
}

export function initStaff({ onOpen }) {
  openPerson = onOpen;
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    search($('search-q').value.trim(), 0);
  });
  $('page-prev').addEventListener('click', () => search(lastQuery, page - 1));
  $('page-next').addEventListener('click', () => search(lastQuery, page + 1));
  $('create-form').addEventListener('submit', (event) => {
    event.preventDefault();
    create();
  });
}

export async function search(query, wantedPage, { keepMessages = false } = {}) {
  if (!keepMessages) {
    clearMessages();
  }
  lastQuery = query;
  const params = new URLSearchParams({ page: String(Math.max(0, wantedPage)), size: String(PAGE_SIZE) });
  if (query) {
    params.set('q', query);
  }
  try {
    const result = await api(`/api/v1/staff?${params}`);
    page = result.page;
    total = result.total;
    renderResults(result.items || [], !keepMessages);
  } catch (error) {
    showError(error, 'Search failed');
  }
}

function renderResults(items, announceCount) {
  const box = $('search-results');
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (items.length === 0) {
    box.replaceChildren(el('p', {}, lastQuery ? `Nobody found for “${lastQuery}”.` : 'No staff members yet.'));
    $('pager').hidden = true;
    return;
  }
  const rows = items.map((s) => el('tr', {},
    el('td', {}, s.displayName, s.active ? null : el('span', { class: 'hint' }, ' (inactive)')),
    el('td', {}, s.employeeId),
    el('td', {}, s.clinicalRole),
    el('td', {}, s.ward),
    el('td', {}, el('button', {
      type: 'button', class: 'secondary', 'data-staff-id': s.id,
      'aria-label': `Open ${s.displayName} (${s.employeeId})`,
      onclick: () => openPerson(s.id),
    }, 'Open'))));
  box.replaceChildren(el('table', {},
    el('caption', { class: 'hint' }, `${total} found`),
    el('thead', {}, el('tr', {}, ['Name', 'Employee id', 'Role', 'Ward', ''].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows)));
  $('pager').hidden = pages <= 1;
  $('page-info').textContent = `Page ${page + 1} of ${pages}`;
  $('page-prev').disabled = page <= 0;
  $('page-next').disabled = page + 1 >= pages;
  if (announceCount) {
    announce(`${total} found. Page ${page + 1} of ${pages}.`);
  }
}

async function create() {
  clearMessages();
  const form = $('create-form');
  if (!validate(form)) {
    return;
  }
  const body = {
    employeeId: $('create-employee-id').value.trim(),
    displayName: $('create-display-name').value.trim(),
    clinicalRole: $('create-clinical-role').value.trim(),
    ward: $('create-ward').value.trim(),
  };
  // Only an enabled scopes field is sent; the server refuses scopes from anyone but an ADMIN.
  if (!$('create-scopes').disabled && chosenScopes('create-scopes').length > 0) {
    body.scopes = chosenScopes('create-scopes');
  }
  try {
    const created = await api('/api/v1/staff', { method: 'POST', json: body });
    form.reset();
    setScopes('create-scopes', []);
    announce(`${created.displayName} was added.`);
    openPerson(created.id);
  } catch (error) {
    showError(error, 'Could not add the staff member');
  }
}

/** Forgets every result and form value, e.g. at log-off. */
export function resetStaff() {
  $('search-results').replaceChildren();
  $('pager').hidden = true;
  $('search-form').reset();
  $('create-form').reset();
  for (const list of document.querySelectorAll('[data-scope-options]')) {
    list.replaceChildren();
  }
  knownScopes = [];
  lastQuery = '';
  page = 0;
  total = 0;
}
