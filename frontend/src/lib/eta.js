// One "ready in about N s" from both rates. The analysis cannot get ahead of the upload, so the result is
// ready when the slower of the two is done: the upload's time left (bytes left / bytes per second) and the
// analysis's (frames left / frames per second, measured from the progress events this page has seen).

/** Frames per second between the first and the latest progress event; null until two are far enough apart. */
export function analysisRate(first, latest) {
  if (!first || !latest) return null;
  const seconds = (latest.at - first.at) / 1000;
  const frames = latest.frame - first.frame;
  return seconds >= 1 && frames > 0 ? frames / seconds : null;
}

/** Seconds until the result, or null while there is nothing to estimate from. */
export function readyIn({ phase, upload, progress, rate }) {
  if (phase !== 'uploading' && phase !== 'processing') return null;
  const uploadLeft = phase === 'uploading' ? upload?.eta ?? null : 0;
  const total = progress?.total_frames;
  const frame = progress?.frame_index;
  const analysisLeft = total && frame != null && rate ? Math.max(0, total - (frame + 1)) / rate : null;
  if (analysisLeft == null) return null; // the upload alone says nothing about the analysis after it
  return Math.max(uploadLeft ?? 0, analysisLeft);
}
