// The camera for the PIN confirmation and the head-turn burst: open it into a <video>, grab JPEG
// frames from it, close it. The face panel's live guidance keeps its own preview (face.js).

const JPEG_QUALITY = 0.9;

/** Opens the user-facing camera into the video element; throws an Error in plain words. */
export async function openCamera(video) {
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    throw new Error('This browser cannot use a camera here. Use a current browser over HTTPS.');
  }
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: 'user' },
    });
  } catch (error) {
    throw new Error(error && error.name === 'NotAllowedError'
      ? 'The camera may not be used. Allow camera access for this page and try again.'
      : 'No camera could be started. Check that a camera is connected and not used by another program.');
  }
  video.srcObject = stream;
  try {
    await video.play();
  } catch (error) {
    closeCamera(video);
    throw new Error('The camera picture could not be shown.');
  }
  return stream;
}

/** Stops every track of the video's stream and detaches it. */
export function closeCamera(video) {
  const stream = video.srcObject;
  if (stream && stream.getTracks) {
    stream.getTracks().forEach((t) => t.stop());
  }
  video.srcObject = null;
}

/** The video's current picture as a JPEG blob, unmirrored (as the camera sees it); null before the first frame. */
export function grabJpeg(video, canvas = document.createElement('canvas')) {
  if (!video.videoWidth) {
    return Promise.resolve(null);
  }
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d').drawImage(video, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The picture could not be encoded'))), 'image/jpeg', JPEG_QUALITY);
  });
}
