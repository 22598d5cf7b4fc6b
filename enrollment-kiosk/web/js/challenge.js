// Face enrollment through the head-turn challenge (docs/PAD.md, "Enrollment at the kiosk"): the kiosk
// asks the server for a challenge for this person, shows the turn to make with a countdown, records
// about 2 s of the camera at 15 frames a second and sends the burst. The server checks the turn, its
// geometry, the continuity of one face and the passive models, and enrolls the verified frontal
// frames: a photo held up to the camera cannot turn its head.
import { api } from './http.js';
import { $ } from './ui.js';
import { grabJpeg } from './camera.js';

const FPS = 15;
const LEAD_MS = 300;           // the instruction is read before the recording starts
const LOOK_MS = 1000;          // frontal start before the cue: the server's baseline
const TURN_MS = 1200;          // time for each turn
const SAFETY_MS = 700;         // the burst must reach the server before the challenge's deadline
const COUNT_STEP_MS = 500;
const WORDS = { left: 'left', right: 'right' };
const ARROWS = { left: '\u2190', right: '\u2192' };   // the preview is a mirror: the person's left is the screen's left

let cancelled = false;

/** Stops a challenge under way (camera stopped, log-off): nothing more is recorded or sent. */
export function cancelChallenge() {
  cancelled = true;
  setPhase('', '');
}

/**
 * Runs one challenge for the staff member with the camera shown in the video element; resolves to
 * the server's enrollment answer or rejects with its ApiError (or null when cancelled).
 */
export async function enrollWithChallenge(staffId, video) {
  cancelled = false;
  const challenge = await api(`/api/v1/staff/${encodeURIComponent(staffId)}/faces/challenge`, { method: 'POST' });
  if (cancelled) {
    return null;
  }
  const frames = await record(video, challenge);
  if (cancelled || frames.length === 0) {
    frames.length = 0;
    return null;
  }
  const form = new FormData();
  form.append('nonce', challenge.nonce);
  form.append('mirrored', 'false');       // frames are sent as the camera sees them; only the preview is mirrored
  frames.forEach((jpeg, i) => form.append('frames', jpeg, `frame-${String(i).padStart(2, '0')}.jpg`));
  frames.length = 0;
  setPhase('sending', '');
  $('challenge-instruction').textContent = 'Checking the head turn…';
  try {
    return await api(`/api/v1/staff/${encodeURIComponent(staffId)}/faces/challenge/burst`, { method: 'POST', form });
  } finally {
    setPhase('', '');
  }
}

/** Records the burst: the countdown while the person looks at the camera, then each turn in order. */
async function record(video, challenge) {
  const turns = (challenge.instruction || []).filter((t) => WORDS[t]);
  const maxFrames = Math.min(Number(challenge.maxFrames) || 45, 45);
  const wanted = LOOK_MS + TURN_MS * Math.max(1, turns.length);
  const deadline = Number(challenge.deadlineMs) || 4000;
  const duration = Math.max(1500, Math.min(wanted, deadline - SAFETY_MS - LEAD_MS));
  const canvas = document.createElement('canvas');
  const pending = [];
  setPhase('ready', turns.join(','));
  $('challenge-arrow').textContent = ARROWS[turns[0] || 'left'];
  $('challenge-instruction').textContent = `Look at the camera, then turn your head to your ${WORDS[turns[0] || 'left']} when told.`;
  await new Promise((resolve) => setTimeout(resolve, LEAD_MS));
  if (cancelled) {
    return [];
  }
  const started = performance.now();
  setPhase('recording', turns.join(','));
  showCountdown(turns, LOOK_MS);
  return new Promise((resolve) => {
    const cues = turns.map((turn, i) => setTimeout(() => showTurn(turn), LOOK_MS + i * TURN_MS));
    const timer = setInterval(() => {
      const elapsed = performance.now() - started;
      if (cancelled || elapsed >= duration || pending.length >= maxFrames) {
        clearInterval(timer);
        cues.forEach(clearTimeout);
        $('challenge-progress').value = 1;
        Promise.all(pending).then((blobs) => resolve(blobs.filter(Boolean)), () => resolve([]));
        return;
      }
      pending.push(grabJpeg(video, canvas).catch(() => null));
      $('challenge-progress').value = Math.min(1, elapsed / duration);
    }, 1000 / FPS);
  });
}

function showCountdown(turns, lookMs) {
  const first = turns[0] || 'left';
  $('challenge-arrow').textContent = ARROWS[first];
  let left = Math.round(lookMs / COUNT_STEP_MS);
  const tick = () => {
    if (cancelled || left <= 0 || $('face-challenge').dataset.phase !== 'recording') {
      return;
    }
    $('challenge-instruction').textContent = `Look at the camera. Turn your head to your ${WORDS[first]} in ${left}…`;
    $('challenge-count').textContent = String(left);
    left--;
    setTimeout(tick, COUNT_STEP_MS);
  };
  tick();
}

function showTurn(turn) {
  if (cancelled) {
    return;
  }
  $('face-challenge').dataset.phase = 'turn';
  $('challenge-arrow').textContent = ARROWS[turn];
  $('challenge-count').textContent = '';
  $('challenge-instruction').textContent = `Now turn your head to your ${WORDS[turn]}.`;
}

/** The panel's state, also for tests and styling: '', ready, recording, turn or sending; the requested turns. */
function setPhase(phase, turns) {
  const panel = $('face-challenge');
  panel.hidden = phase === '';
  $('challenge-progress').hidden = phase === '';
  panel.dataset.phase = phase;
  panel.dataset.turn = turns;
  if (phase === '') {
    $('challenge-instruction').textContent = '';
    $('challenge-count').textContent = '';
    $('challenge-arrow').textContent = '';
    $('challenge-progress').value = 0;
  }
}
