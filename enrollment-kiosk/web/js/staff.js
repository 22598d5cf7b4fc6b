// Finding and adding staff members: search by name or employee id with paging, and the
// "add a staff member" form. Scopes are offered to ADMIN operators only.
import { api } from './http.js';
import * as session from './session.js';
import { $, el, announce, showError, clearMessages } from './ui.js';

const PAGE_SIZE = 10;
let lastQuery = '';
let page = 0;
let total = 0;
let openPerson = () => {};

/** Space- or comma-separated scopes from a text field, without duplicates. */
export function parseScopes(text) {
  return [...new Set(String(text || '').split(/[\s,]+/).filter((s) => s.length > 0))];
}

/** Shows scope fields to ADMIN only; for anyone else they are hidden and disabled. */
export function applyRole() {
  const admin = session.isAdmin();
  for (const block of document.querySelectorAll('.admin-only')) {
    block.hidden = !admin;
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

export async function search(query, wantedPage) {
  clearMessages();
  lastQuery = query;
  const params = new URLSearchParams({ page: String(Math.max(0, wantedPage)), size: String(PAGE_SIZE) });
  if (query) {
    params.set('q', query);
  }
  try {
    const result = await api(`/api/v1/staff?${params}`);
    page = result.page;
    total = result.total;
    renderResults(result.items || []);
  } catch (error) {
    showError(error, 'Search failed');
  }
}

function renderResults(items) {
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
  announce(`${total} found. Page ${page + 1} of ${pages}.`);
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
  const scopes = $('create-scopes');
  if (!scopes.disabled && scopes.value.trim() !== '') {
    body.scopes = parseScopes(scopes.value);
  }
  try {
    const created = await api('/api/v1/staff', { method: 'POST', json: body });
    form.reset();
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
  lastQuery = '';
  page = 0;
  total = 0;
}
