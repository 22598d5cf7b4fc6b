// Face capture: live preview from the camera, the face box drawn over it, guidance from
// POST /api/v1/faces/check a few times a second, automatic capture of good frames, then
// enrollment of the samples with POST /api/v1/staff/{id}/faces.
import { api, ApiError } from './http.js';
import { $, el, announce, showError, clearMessages } from './ui.js';
import { faceGuidance, faceReason } from './guidance.js';

const SAMPLES_NEEDED = 3;
const CHECK_INTERVAL_MS = 300;       // a few checks a second, one at a time
const MIN_GAP_BETWEEN_SAMPLES_MS = 400;
const MAX_CHECK_FAILURES = 3;
const JPEG_QUALITY = 0.92;
const FIRST_GUIDANCE = 'Checking the picture…';

let staffIdOf = () => null;
let onEnrolled = () => {};
let stream = null;
let running = false;
let timer = null;
let samples = [];
let lastSampleAt = 0;
let failures = 0;
let lastGuidance = '';
const frame = document.createElement('canvas');

export function initFace({ staffId, enrolled }) {
  staffIdOf = staffId;
  onEnrolled = enrolled;
  $('face-start').addEventListener('click', start);
  $('face-stop').addEventListener('click', () => {
    stop();
    announce('Camera stopped.');
  });
}

async function start() {
  clearMessages();
  $('face-result').replaceChildren();
  $('face-result').className = 'result';
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    showError(new Error('This browser cannot use a camera here. Use a current browser over HTTPS.'));
    return;
  }
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: 'user' },
    });
  } catch (error) {
    showError(new Error(error && error.name === 'NotAllowedError'
      ? 'The camera may not be used. Allow camera access for this page and try again.'
      : 'No camera could be started. Check that a camera is connected and not used by another program.'));
    return;
  }
  const video = $('camera-video');
  video.srcObject = stream;
  try {
    await video.play();
  } catch (error) {
    stop();
    showError(new Error('The camera picture could not be shown.'));
    return;
  }
  $('camera').hidden = false;
  // On a tablet the preview is below the fold: bring it and the guidance line into view.
  $('face-panel').scrollIntoView({ block: 'start' });
  $('face-start').hidden = true;
  $('face-stop').hidden = false;
  samples = [];
  lastSampleAt = 0;
  failures = 0;
  lastGuidance = '';
  running = true;
  updateProgress();
  setGuidance(FIRST_GUIDANCE, 'adjust');
  schedule();
}

/** Stops the camera and forgets the frames taken so far. */
export function stop() {
  running = false;
  clearTimeout(timer);
  if (stream) {
    stream.getTracks().forEach((t) => t.stop());
    stream = null;
  }
  const video = $('camera-video');
  video.srcObject = null;
  $('camera').hidden = true;
  $('face-start').hidden = false;
  $('face-stop').hidden = true;
  const overlay = $('camera-overlay');
  overlay.getContext('2d').clearRect(0, 0, overlay.width, overlay.height);
  samples = [];
  setGuidance('', '');
  $('face-progress').textContent = '';
}

/** Forgets results too, e.g. when another person is opened or at log-off. */
export function resetFace() {
  stop();
  $('face-result').replaceChildren();
  $('face-result').className = 'result';
}

function schedule() {
  if (running) {
    timer = setTimeout(tick, CHECK_INTERVAL_MS);
  }
}

async function tick() {
  const video = $('camera-video');
  if (!running || video.videoWidth === 0) {
    schedule();
    return;
  }
  frame.width = video.videoWidth;
  frame.height = video.videoHeight;
  frame.getContext('2d').drawImage(video, 0, 0, frame.width, frame.height);
  let jpeg;
  try {
    jpeg = await toJpeg(frame);
  } catch (error) {
    schedule();
    return;
  }
  const form = new FormData();
  form.append('image', jpeg, 'frame.jpg');
  let check;
  try {
    check = await api('/api/v1/faces/check', { method: 'POST', form, indicator: $('face-checking') });
    failures = 0;
  } catch (error) {
    failures++;
    if (!running) {
      return;
    }
    if (failures >= MAX_CHECK_FAILURES || !(error instanceof ApiError) || error.status === 401 || error.status === 403) {
      stop();
      showError(error, 'The picture check is not working');
      return;
    }
    schedule();
    return;
  }
  if (!running) {
    return;
  }
  const quality = check.quality || {};
  drawBox(check.box, quality.acceptable === true);
  if (quality.acceptable === true) {
    setGuidance('Good – hold still', 'good');
    if (Date.now() - lastSampleAt >= MIN_GAP_BETWEEN_SAMPLES_MS) {
      samples.push(jpeg);
      lastSampleAt = Date.now();
      updateProgress();
    }
  } else {
    setGuidance(faceGuidance(quality.reasons || (check.faceCount === 0 ? ['NO_FACE'] : [])), 'adjust');
  }
  if (samples.length >= SAMPLES_NEEDED) {
    const taken = samples;
    stop();
    await enroll(taken);
    return;
  }
  schedule();
}

function toJpeg(canvas) {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The picture could not be encoded'))), 'image/jpeg', JPEG_QUALITY);
  });
}

function drawBox(box, good) {
  const video = $('camera-video');
  const overlay = $('camera-overlay');
  overlay.width = video.videoWidth;
  overlay.height = video.videoHeight;
  const g = overlay.getContext('2d');
  g.clearRect(0, 0, overlay.width, overlay.height);
  if (!box) {
    return;
  }
  // The box is in image pixels, the same pixels as the overlay; CSS scales both alike.
  g.lineWidth = Math.max(3, overlay.width / 160);
  g.strokeStyle = good ? '#1fd65f' : '#ffb000';
  g.strokeRect(box.x, box.y, box.width, box.height);
}

function setGuidance(text, kind) {
  const line = $('face-guidance');
  line.className = `guidance ${kind}`;
  // Only changes are written, so screen readers are not flooded several times a second.
  if (text !== lastGuidance) {
    line.textContent = text;
    lastGuidance = text;
  }
}

function updateProgress() {
  $('face-progress').textContent = `Good pictures taken: ${samples.length} of ${SAMPLES_NEEDED}`;
}

async function enroll(images) {
  const staffId = staffIdOf();
  if (!staffId) {
    return;
  }
  const form = new FormData();
  images.forEach((jpeg, i) => form.append('images', jpeg, `sample-${i + 1}.jpg`));
  const result = $('face-result');
  try {
    const answer = await api(`/api/v1/staff/${staffId}/faces`, { method: 'POST', form });
    const refused = answer.refused || [];
    const lines = refused.map((r) => el('li', {},
      `Picture ${r.index + 1} was not used: ${(r.reasons || []).map(faceReason).join('; ')}`));
    if (answer.enrolled) {
      result.className = 'result ok';
      result.replaceChildren(
        el('p', { class: 'verdict-ok', id: 'face-verdict' }, `Face enrolled. ${answer.accepted} new picture${answer.accepted === 1 ? '' : 's'} accepted, ${answer.samples} stored in total.`),
        lines.length ? el('ul', {}, lines) : '');
      announce('Face enrollment succeeded.');
    } else {
      result.className = 'result bad';
      result.replaceChildren(
        el('p', { class: 'verdict-bad', id: 'face-verdict' }, `Face not enrolled yet: ${answer.accepted} picture${answer.accepted === 1 ? '' : 's'} accepted, ${answer.samples} stored. Take more pictures.`),
        lines.length ? el('ul', {}, lines) : '');
    }
    onEnrolled();
  } catch (error) {
    result.className = 'result bad';
    result.replaceChildren(el('p', { class: 'verdict-bad', id: 'face-verdict' }, faceRefusal(error)));
    showError(error, 'Face enrollment refused');
  }
  result.scrollIntoView({ block: 'nearest' });
}

function faceRefusal(error) {
  if (error instanceof ApiError && error.is('duplicate-identity')) {
    return 'Not enrolled: this face is already enrolled for another staff member (duplicate identity).';
  }
  if (error instanceof ApiError && error.is('presentation-attack-suspected')) {
    const samples = (error.problem.samples || []).map((i) => i + 1);
    return `Not enrolled: picture${samples.length === 1 ? '' : 's'} ${samples.join(', ')} look${samples.length === 1 ? 's' : ''} like a photo or a screen, not the person in front of the camera. Nothing was stored; capture the person live.`;
  }
  if (error instanceof ApiError && error.is('consent-required')) {
    return 'Not enrolled: consent has not been recorded for this person.';
  }
  if (error instanceof ApiError && (error.status === 422 || error.status === 400)) {
    const reasons = error.problem.reasons || [];
    return `Not enrolled: the pictures are not good enough${reasons.length ? ` (${reasons.map(faceReason).join('; ')})` : ''}.`;
  }
  return `Not enrolled: ${error.message}`;
}
