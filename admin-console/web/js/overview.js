// Overview: authentications per hour by modality and outcome, failure and lockout rates, open alerts
// by detector, devices not seen for a day, enrollment coverage and the match-score distribution of
// accepted decisions against the threshold, from GET /api/v1/stats/overview, drawn with Chart.js.
import { api } from './http.js';
import { $, el, showError, table, formatTime } from './ui.js';

const COLOURS = ['#0b5cad', '#1b7f3b', '#8a4b00', '#6b2fa3', '#00708a', '#a4141b'];
const charts = new Map();

export function initOverview() {
  $('overview-refresh').addEventListener('click', loadOverview);
}

function percent(value) {
  return `${(value * 100).toFixed(1)} %`;
}

export async function loadOverview() {
  let data;
  try {
    data = await api('/api/v1/stats/overview?hours=24');
  } catch (error) {
    showError(error, 'The overview could not be loaded');
    return;
  }
  const cov = data.enrollment;
  const share = (n) => (cov.activeStaff === 0 ? '–' : percent(n / cov.activeStaff));
  $('overview-note').textContent = `Figures of ${formatTime(data.generatedAt)}. ${data.scoreNote}.`;
  $('overview-tiles').replaceChildren(
    tile('Failure rate (24 h)', percent(data.failureRate), 'tile-failure'),
    tile('Lockout rate (24 h)', percent(data.lockoutRate), 'tile-lockout'),
    tile('Devices not seen for a day', `${data.devicesNotSeenForADay} of ${data.activeDevices}`, 'tile-devices'),
    tile('Staff with a biometric enrolled', `${cov.withAny} of ${cov.activeStaff} (${share(cov.withAny)})`, 'tile-coverage'),
    tile('Open threat alerts', String(Object.values(data.openAlertsByDetector).reduce((a, b) => a + b, 0)), 'tile-alerts'));
  drawCharts(data);
  const hours = data.hours.map((h) => new Date(h.hour).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
  $('overview-tables').replaceChildren(
    table('Authentications per hour', ['Hour', 'Successes', 'Failures', 'Lockouts'],
      data.hours.map((h, i) => [hours[i], String(h.successes), String(h.failures), String(h.lockouts)])),
    table('Open alerts by detector', ['Detector', 'Open alerts'],
      Object.entries(data.openAlertsByDetector).map(([d, n]) => [d, String(n)])),
    table('Accepted decisions by score (multiple of the threshold)', ['Score from', 'to', 'Accepted'],
      data.acceptedScores.filter((b) => b.accepted > 0).map((b) => [String(b.fromRatio), String(b.toRatio), String(b.accepted)])));
}

function tile(label, value, id) {
  return el('div', { class: 'tile', id }, el('p', { class: 'tile-label' }, label), el('p', { class: 'tile-value' }, value));
}

function drawCharts(data) {
  if (!window.Chart) {
    showError(new Error('The chart library did not load; the figures are in the tables below.'));
    return;
  }
  const labels = data.hours.map((h) => new Date(h.hour).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
  const modalities = [...new Set(data.hours.flatMap((h) => [...Object.keys(h.successesByModality), ...Object.keys(h.failuresByModality)]))].sort();
  const authSets = modalities.map((m, i) => ({
    type: 'bar', label: `${m} – accepted`, stack: 'ok', backgroundColor: COLOURS[i % COLOURS.length],
    data: data.hours.map((h) => h.successesByModality[m] || 0),
  }));
  modalities.forEach((m, i) => authSets.push({
    type: 'bar', label: `${m} – refused`, stack: 'refused', backgroundColor: COLOURS[(i + 3) % COLOURS.length],
    data: data.hours.map((h) => h.failuresByModality[m] || 0),
  }));
  authSets.push({ type: 'line', label: 'lockouts', borderColor: '#a4141b', backgroundColor: '#a4141b',
    data: data.hours.map((h) => h.lockouts) });
  draw('chart-auth', { data: { labels, datasets: authSets },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: 'attempts' } } } } });

  const bins = data.acceptedScores;
  draw('chart-scores', { type: 'bar', data: {
    labels: bins.map((b) => b.fromRatio.toFixed(1)),
    datasets: [{ label: 'accepted decisions', data: bins.map((b) => b.accepted),
      backgroundColor: bins.map((b) => (b.fromRatio < 1 ? '#a4141b' : '#1b7f3b')) }],
  }, options: { scales: { x: { title: { display: true, text: 'score ÷ threshold (bars left of 1.0 would be below the threshold)' } },
    y: { beginAtZero: true } } } });

  const detectors = Object.keys(data.openAlertsByDetector);
  draw('chart-alerts', { type: 'bar', data: { labels: detectors.length ? detectors : ['none'],
    datasets: [{ label: 'open alerts', backgroundColor: '#8a4b00',
      data: detectors.length ? detectors.map((d) => data.openAlertsByDetector[d]) : [0] }] },
  options: { indexAxis: 'y', scales: { x: { beginAtZero: true } } } });

  const cov = data.enrollment;
  draw('chart-coverage', { type: 'bar', data: { labels: ['face', 'fingerprint', 'any biometric', 'none'],
    datasets: [{ label: 'active staff', backgroundColor: ['#0b5cad', '#6b2fa3', '#1b7f3b', '#a4141b'],
      data: [cov.withFace, cov.withFingerprint, cov.withAny, cov.activeStaff - cov.withAny] }] },
  options: { scales: { y: { beginAtZero: true } } } });
}

function draw(id, config) {
  if (charts.has(id)) {
    charts.get(id).destroy();
  }
  config.options = { ...config.options, responsive: true, maintainAspectRatio: false, animation: false };
  charts.set(id, new window.Chart($(id), config));
}

export function resetOverview() {
  for (const chart of charts.values()) {
    chart.destroy();
  }
  charts.clear();
  $('overview-tiles').replaceChildren();
  $('overview-tables').replaceChildren();
  $('overview-note').textContent = '';
}
