// Face capture: live preview from the camera, every detected face outlined over it, guidance from
// POST /api/v1/faces/check a few times a second (steadied over the last checks, with a clearer
// instruction when nothing good comes for a while), automatic capture of good frames with a small
// pose change asked between them, then enrollment of the samples with POST /api/v1/staff/{id}/faces.
// Where the server requires it (settings faceChallengeRequired, the default), the first good picture
// starts the head-turn challenge instead (challenge.js) and the samples come from that live burst.
import { api, ApiError } from './http.js';
import { $, el, announce, showError, clearMessages } from './ui.js';
import { faceGuidance, faceReason, escalatedAdvice, POSE_REQUESTS } from './guidance.js';
import { enrollWithChallenge, cancelChallenge } from './challenge.js';

const SAMPLES_NEEDED = 3;
const CHECK_INTERVAL_MS = 300;       // a few checks a second, one at a time
const MIN_GAP_BETWEEN_SAMPLES_MS = 400;
const MAX_CHECK_FAILURES = 3;
const JPEG_QUALITY = 0.92;
const FIRST_GUIDANCE = 'Checking the picture…';
const HISTORY = 5;                    // checks the guidance is steadied over (no flicker between two reasons)
const ESCALATE_AFTER_MS = 8000;       // no good picture for this long: say more clearly what to change
const POSE_PAUSE_MS = 1500;
const SMALL_FACE_SHARE = 0.2;         // narrower than this share of the picture: "come closer"           // time to follow "turn your head a little" before the next sample

let staffIdOf = () => null;
let onEnrolled = () => {};
let stream = null;
let running = false;
let timer = null;
let samples = [];
let lastSampleAt = 0;
let failures = 0;
let lastGuidance = '';
let recentReasons = [];
let lastGoodAt = 0;
let poseUntil = 0;
let challengeRequired = false;
let goodInARow = 0;
let challenges = 0;                   // head turns done since the camera was started
const MAX_CHALLENGES = 3;
const GOOD_BEFORE_CHALLENGE = 2;      // good checks in a row before the head turn is asked for
const frame = document.createElement('canvas');

/** Samples from the head-turn challenge (true) or from good still frames (false), as the server says. */
export function setChallengeRequired(on) {
  challengeRequired = Boolean(on);
  $('face-hint-stills').hidden = challengeRequired;
  $('face-hint-challenge').hidden = !challengeRequired;
}

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
  $('face-progress-bar').hidden = false;
  // On a laptop or tablet the preview starts below the fold: bring it, the guidance and the progress
  // into view together (the CSS bounds the preview's height by the screen's).
  $('face-live').scrollIntoView({ block: 'start' });
  $('face-start').hidden = true;
  $('face-stop').hidden = false;
  samples = [];
  lastSampleAt = 0;
  failures = 0;
  lastGuidance = '';
  recentReasons = [];
  lastGoodAt = Date.now();
  poseUntil = 0;
  goodInARow = 0;
  challenges = 0;
  setAdvice('');
  running = true;
  updateProgress();
  setGuidance(FIRST_GUIDANCE, 'adjust');
  schedule();
}

/** Stops the camera and forgets the frames taken so far. */
export function stop() {
  running = false;
  clearTimeout(timer);
  cancelChallenge();
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
  overlay.dataset.faces = '0';
  samples = [];
  setGuidance('', '');
  setAdvice('');
  $('face-progress').textContent = '';
  $('face-progress-bar').hidden = true;
  $('face-progress-bar').value = 0;
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
  if (!running) {
    return;   // stopped (or logged off) while the frame was encoded: nothing is sent
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
  drawBoxes(check.faces || (check.box ? [check.box] : []), check.box, quality.acceptable === true);
  const now = Date.now();
  if (challengeRequired) {
    goodInARow = quality.acceptable === true ? goodInARow + 1 : 0;
    if (goodInARow >= GOOD_BEFORE_CHALLENGE) {
      await runChallenge();
      return;
    }
  }
  if (quality.acceptable === true && challengeRequired) {
    recentReasons = [];
    lastGoodAt = now;
    setAdvice('');
    setGuidance('Good – hold still', 'good');
  } else if (quality.acceptable === true) {
    recentReasons = [];
    lastGoodAt = now;
    setAdvice('');
    if (now < poseUntil) {
      // still following the pose request; the next sample comes from the new pose
    } else if (now - lastSampleAt >= MIN_GAP_BETWEEN_SAMPLES_MS) {
      samples.push(jpeg);
      lastSampleAt = now;
      updateProgress();
      if (samples.length < SAMPLES_NEEDED) {
        poseUntil = now + POSE_PAUSE_MS;
        setGuidance(POSE_REQUESTS[(samples.length - 1) % POSE_REQUESTS.length], 'good');
      }
    } else {
      setGuidance('Good – hold still', 'good');
    }
  } else {
    const reasons = quality.reasons && quality.reasons.length ? quality.reasons : (check.faceCount === 0 ? ['NO_FACE'] : []);
    recentReasons = [...recentReasons, reasons].slice(-HISTORY);
    setGuidance(faceGuidance(steadyReasons(recentReasons)), 'adjust');
    if (now - lastGoodAt >= ESCALATE_AFTER_MS) {
      setAdvice(escalatedAdvice(recentReasons.flat(), check.faceCount || 0, facesLookSmall(check)));
    }
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

/** Every face found is narrower than a fifth of the picture: the person is too far from the camera. */
function facesLookSmall(check) {
  const faces = check.faces || [];
  const width = check.imageWidth || 0;
  return faces.length > 0 && width > 0 && Math.max(...faces.map((f) => f.width)) < width * SMALL_FACE_SHARE;
}

/** The reasons seen most often over the last checks: one odd frame does not change the instruction. */
function steadyReasons(history) {
  const counts = new Map();
  for (const reasons of history) {
    for (const r of reasons) {
      counts.set(r, (counts.get(r) || 0) + 1);
    }
  }
  const most = Math.max(0, ...counts.values());
  return [...counts.keys()].filter((r) => counts.get(r) === most);
}

/** Outlines every face found: the one judged in green or amber, any other in red. */
function drawBoxes(faces, chosen, good) {
  const video = $('camera-video');
  const overlay = $('camera-overlay');
  overlay.width = video.videoWidth;
  overlay.height = video.videoHeight;
  overlay.dataset.faces = String(faces.length);
  const g = overlay.getContext('2d');
  g.clearRect(0, 0, overlay.width, overlay.height);
  // Boxes are in image pixels, the same pixels as the overlay; CSS scales both alike.
  g.lineWidth = Math.max(3, overlay.width / 160);
  for (const box of faces) {
    const isChosen = chosen && box.x === chosen.x && box.y === chosen.y && box.width === chosen.width;
    g.strokeStyle = isChosen ? (good ? '#1fd65f' : '#ffb000') : '#ff3b30';
    g.setLineDash(isChosen ? [] : [12, 8]);
    g.strokeRect(box.x, box.y, box.width, box.height);
  }
  g.setLineDash([]);
}

function setAdvice(text) {
  const advice = $('face-advice');
  if (advice.textContent !== text) {
    advice.textContent = text;
  }
  advice.dataset.escalated = text ? 'true' : 'false';
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

/** The live checks pause; the challenge records the burst from the same preview and enrolls from it. */
async function runChallenge() {
  running = false;
  clearTimeout(timer);
  setGuidance('', '');
  setAdvice('');
  drawBoxes([], null, false);
  const staffId = staffIdOf();
  const result = $('face-result');
  let answer;
  try {
    answer = await enrollWithChallenge(staffId, $('camera-video'));
  } catch (error) {
    stop();
    result.className = 'result bad';
    result.replaceChildren(el('p', { class: 'verdict-bad', id: 'face-verdict' }, faceRefusal(error)));
    showError(error, 'Face enrollment refused');
    result.scrollIntoView({ block: 'nearest' });
    return;
  }
  if (!answer) {
    stop();
    return;
  }
  showEnrollment(answer);
  onEnrolled();
  challenges++;
  if (!answer.enrolled && challenges < MAX_CHALLENGES && stream) {
    // not enough good samples yet: the live checks go on and the next good picture starts another turn
    $('face-progress').textContent = 'More pictures are needed: the person will be asked to turn once more.';
    running = true;
    goodInARow = 0;
    setGuidance(FIRST_GUIDANCE, 'adjust');
    schedule();
    return;
  }
  stop();
}

function updateProgress() {
  if (challengeRequired) {
    $('face-progress').textContent = 'The pictures are taken from a short, live head turn.';
    $('face-progress-bar').hidden = true;
    return;
  }
  $('face-progress').textContent = `Good pictures taken: ${samples.length} of ${SAMPLES_NEEDED}`;
  $('face-progress-bar').value = samples.length;
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
    showEnrollment(answer);
    onEnrolled();
  } catch (error) {
    result.className = 'result bad';
    result.replaceChildren(el('p', { class: 'verdict-bad', id: 'face-verdict' }, faceRefusal(error)));
    showError(error, 'Face enrollment refused');
  }
  result.scrollIntoView({ block: 'nearest' });
}

/** The server's answer to an enrollment: how many pictures were stored and why any was not used. */
function showEnrollment(answer) {
  const result = $('face-result');
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
  result.scrollIntoView({ block: 'nearest' });
}

function faceRefusal(error) {
  if (error instanceof ApiError && error.is('duplicate-identity')) {
    const existing = error.problem.existingStaff;
    return existing
      ? `Not enrolled: this face is already enrolled for ${existing.displayName} (employee id ${existing.employeeId}) – duplicate identity.`
      : 'Not enrolled: this face is already enrolled for another staff member (duplicate identity).';
  }
  if (error instanceof ApiError && error.is('presentation-attack-suspected') && error.problem.reason === 'CHALLENGE_EXPIRED') {
    return 'Not enrolled: the head turn came too late or the challenge was already used. Nothing was stored; start the camera and try again.';
  }
  if (error instanceof ApiError && error.is('presentation-attack-suspected') && error.problem.reason === 'CHALLENGE_FAILED') {
    return 'Not enrolled: the live head turn was not seen as asked (a photo or a screen cannot turn). Nothing was stored; '
      + 'ask the person to face the camera, then turn their head to the side shown, and try again.';
  }
  if (error instanceof ApiError && error.is('live-capture-required')) {
    return 'Not enrolled: this server takes face pictures only from a live head turn. Reload the kiosk and try again.';
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
