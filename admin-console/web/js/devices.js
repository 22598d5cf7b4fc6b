// Devices: search with ward and status filters, registration, a one-time provisioning code shown once
// with its expiry and QR code, suspend / activate / retire, and the minimum software version per type.
import { api } from './http.js';
import { $, el, announce, showError, clearMessages, confirmAction, formatTime, table, formValues } from './ui.js';

const PAGE_SIZE = 10;
let page = 0;
let total = 0;

export function initDevices() {
  $('device-search').addEventListener('submit', (event) => {
    event.preventDefault();
    clearMessages();
    search(0);
  });
  $('device-prev').addEventListener('click', () => search(page - 1));
  $('device-next').addEventListener('click', () => search(page + 1));
  $('device-form').addEventListener('submit', (event) => {
    event.preventDefault();
    register();
  });
  $('version-form').addEventListener('submit', (event) => {
    event.preventDefault();
    setMinimumVersion();
  });
  $('provisioning-done').addEventListener('click', hideCode);
}

export async function loadDevices() {
  await search(0);
}

async function search(wanted) {
  const { q, ward, status } = formValues($('device-search'));
  const params = new URLSearchParams({ page: String(Math.max(0, wanted)), size: String(PAGE_SIZE) });
  if (q) params.set('q', q);
  if (ward) params.set('ward', ward);
  if (status) params.set('status', status);
  let result;
  try {
    result = await api(`/api/v1/devices?${params}`);
  } catch (error) {
    showError(error, 'Devices could not be listed');
    return;
  }
  page = result.page;
  total = result.total;
  const rows = (result.items || []).map((d) => [
    d.name, d.deviceType, d.ward, el('span', { class: `state state-${d.status.toLowerCase()}` }, d.status),
    d.softwareVersion || '–', formatTime(d.lastSeenAt), actions(d)]);
  $('device-results').replaceChildren(rows.length === 0 ? el('p', {}, 'No device found.')
    : table(`${total} device${total === 1 ? '' : 's'}`, ['Name', 'Type', 'Ward', 'Status', 'Software', 'Last seen', 'Actions'], rows));
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  $('device-page-info').textContent = `Page ${page + 1} of ${pages}`;
  $('device-prev').disabled = page <= 0;
  $('device-next').disabled = page + 1 >= pages;
}

function actions(d) {
  const buttons = [];
  const button = (label, handler, kind = 'secondary') => el('button', {
    type: 'button', class: `${kind} small`, 'data-action': label.toLowerCase().split(' ')[0], 'data-device': d.id,
    'aria-label': `${label}: ${d.name}`, onclick: handler,
  }, label);
  if (d.status === 'ACTIVE') {
    buttons.push(button('Provisioning code', () => issueCode(d)));
    buttons.push(button('Suspend', () => change(d, 'suspend')));
  }
  if (d.status === 'SUSPENDED') {
    buttons.push(button('Activate', () => change(d, 'activate')));
  }
  if (d.status !== 'RETIRED') {
    buttons.push(button('Retire', () => change(d, 'retire'), 'danger'));
  }
  return el('div', { class: 'actions' }, buttons);
}

async function change(device, action) {
  clearMessages();
  if (action === 'retire' && !(await confirmAction(`Retiring ${device.name} is final: it can never get a token again.`, 'Retire device'))) {
    return;
  }
  try {
    const updated = await api(`/api/v1/devices/${device.id}/${action}`, { method: 'POST' });
    announce(`${updated.name} is now ${updated.status.toLowerCase()}.`);
  } catch (error) {
    showError(error, `Could not ${action} ${device.name}`);
  }
  await search(page);
}

async function issueCode(device) {
  clearMessages();
  try {
    const issued = await api(`/api/v1/devices/${device.id}/provisioning-code`, { method: 'POST' });
    $('provisioning-device').textContent = device.name;
    $('provisioning-expiry').textContent = formatTime(issued.expiresAt);
    $('provisioning-code').textContent = issued.code;
    $('provisioning-qr').src = issued.qrCode;
    $('provisioning').hidden = false;
    $('provisioning-title').focus();
  } catch (error) {
    showError(error, 'No provisioning code issued');
  }
}

function hideCode() {
  $('provisioning').hidden = true;
  $('provisioning-code').textContent = '';
  $('provisioning-qr').removeAttribute('src');
  announce('The provisioning code is hidden.');
}

async function register() {
  clearMessages();
  const form = $('device-form');
  if (!form.checkValidity()) {
    showError(new Error('Please fill in name, a lower-case type and ward.'));
    return;
  }
  try {
    const created = await api('/api/v1/devices', { method: 'POST', json: formValues(form) });
    form.reset();
    announce(`${created.name} was registered. Issue its provisioning code from the list.`);
    $('device-q').value = created.name;
    await search(0);
  } catch (error) {
    showError(error, 'The device was not registered');
  }
}

async function setMinimumVersion() {
  clearMessages();
  const { deviceType, minSoftwareVersion } = formValues($('version-form'));
  if (!deviceType || !minSoftwareVersion) {
    showError(new Error('Enter a device type and a version such as 2.4.1.'));
    return;
  }
  try {
    const policy = await api(`/api/v1/devices/policies/${encodeURIComponent(deviceType)}`, { method: 'PUT', json: { minSoftwareVersion } });
    announce(`Devices of type ${deviceType} now need software ${policy.minSoftwareVersion} or newer.`);
  } catch (error) {
    showError(error, 'The minimum version was not set');
  }
}

export function resetDevices() {
  hideCode();
  $('device-results').replaceChildren();
  $('device-search').reset();
  $('device-form').reset();
  $('version-form').reset();
  $('status').textContent = '';
}
