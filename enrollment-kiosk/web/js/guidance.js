// Plain words for the machine-readable reasons the server gives about a face picture.

const FACE_REASONS = {
  NO_FACE: 'Look at the camera – no face is visible',
  MULTIPLE_FACES: 'One person only, please',
  TOO_SMALL: 'Move closer to the camera',
  BLURRY: 'Hold still – the picture is blurred',
  TOO_DARK: 'Too dark – turn on more light',
  TOO_BRIGHT: 'Too bright – avoid strong light on the face',
  POSE: 'Look straight at the camera',
  MASKED: 'Remove your mask or face covering',
  LOW_CONFIDENCE: 'Face the camera in good light',
  FACE_CUT_OFF: 'Move into the middle of the picture',
};

/** One reason in plain words; reasons the kiosk does not know are shown as the server wrote them. */
export function faceReason(code) {
  return FACE_REASONS[code] || String(code).toLowerCase().replaceAll('_', ' ');
}

// What to fix first: a person who is not in the picture cannot usefully be told to hold still.
const PRIORITY = ['NO_FACE', 'MULTIPLE_FACES', 'FACE_CUT_OFF', 'TOO_SMALL', 'MASKED', 'POSE', 'TOO_DARK',
  'TOO_BRIGHT', 'BLURRY', 'LOW_CONFIDENCE'];

/** The most useful single instruction for the person in front of the camera. */
export function faceGuidance(reasons) {
  if (!reasons || reasons.length === 0) {
    return 'Hold still';
  }
  const rank = (code) => {
    const i = PRIORITY.indexOf(code);
    return i < 0 ? PRIORITY.length : i;
  };
  return faceReason([...reasons].sort((a, b) => rank(a) - rank(b))[0]);
}

/** Asked between samples, so the three pictures are not three copies of one pose. */
export const POSE_REQUESTS = [
  'Good – now turn your head a little to one side',
  'Good – now raise your chin a little',
];

/**
 * A fuller instruction once no good picture has come for a while: it names every problem seen in
 * the last checks at once, instead of switching between them.
 */
export function escalatedAdvice(reasons, faceCount, facesLookSmall = false) {
  const seen = new Set(reasons);
  // With two people in view the server judges no size; small boxes still tell the person to come closer.
  if (facesLookSmall) {
    seen.add('TOO_SMALL');
  }
  const parts = [];
  if (seen.has('MULTIPLE_FACES') || faceCount > 1) {
    parts.push('Only the person being enrolled may be in the picture: ask anyone else to step out of view'
      + ' (every face found is outlined; red ones are not the person being enrolled).');
  }
  if (seen.has('TOO_SMALL')) {
    parts.push('Bring the person closer: sit about an arm\'s length from the camera so the face fills'
      + ' about a third of the picture\'s width.');
  }
  if (seen.has('NO_FACE') && parts.length === 0) {
    parts.push('No face is found: the person should sit straight in front of the camera, face uncovered, in good light.');
  }
  if (seen.has('TOO_DARK') || seen.has('TOO_BRIGHT') || seen.has('LOW_CONFIDENCE')) {
    parts.push('Change the light: light on the face from the front, no window or lamp behind the person.');
  }
  if (seen.has('BLURRY')) {
    parts.push('Hold still for two seconds and keep the camera steady.');
  }
  if (parts.length === 0) {
    parts.push('Look straight at the camera, face uncovered, and hold still.');
  }
  return `Still no good picture. ${parts.join(' ')}`;
}

const FINGER_NAMES = {
  1: 'right thumb', 2: 'right index finger', 3: 'right middle finger', 4: 'right ring finger', 5: 'right little finger',
  6: 'left thumb', 7: 'left index finger', 8: 'left middle finger', 9: 'left ring finger', 10: 'left little finger',
};

export function fingerName(position) {
  return FINGER_NAMES[position] || `finger ${position}`;
}

/** Fingerprint reasons come as sentences or codes; codes get the same plain-words treatment. */
export function fingerprintReason(reason) {
  const text = String(reason);
  return /^[A-Z_]+$/.test(text) ? text.toLowerCase().replaceAll('_', ' ') : text;
}
