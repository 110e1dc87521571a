/** "waiting for the analyser — 2 videos ahead, about 40 s" from a queued event's data. */
export function queuedText({ sessions_ahead: ahead, estimated_wait_s: wait }) {
  const place = ahead > 0 ? `${ahead} ${ahead === 1 ? 'video' : 'videos'} ahead` : 'you are next';
  return `Waiting for the analyser — ${place}${wait != null ? `, about ${wait} s` : ''}. The upload goes on meanwhile.`;
}

/**
 * Analysis bar, shown from the start of the upload (the server analyses from the first chunk): indeterminate
 * until the server knows the frame count, then a percentage.
 */
export default function ProcessingProgress({ progress, preview, active, done = false }) {
  const percent = progress?.percent;
  const known = typeof percent === 'number' && Number.isFinite(percent);
  const frame = progress?.frame_index;
  const total = progress?.total_frames;
  return (
    <div className="progress-block" data-testid="processing-progress">
      <div className="progress-block__label">
        <span id="processing-label">Analysis</span>
        <span>{known ? `${Math.round(percent)}%` : active ? 'working…' : ''}</span>
      </div>
      {known ? (
        <progress aria-labelledby="processing-label" max="100" value={Math.min(100, percent)} />
      ) : (
        <progress aria-labelledby="processing-label" />
      )}
      <p className="progress-block__detail">
        {done
          ? `Done${total ? `: ${total} frames` : ''}.`
          : progress?.queued
          ? <span data-testid="queued">{queuedText(progress.queued)}</span>
          : frame == null
          ? 'Starts with the first part of the upload…'
          : total
            ? `Frame ${frame + 1} of ${total}`
            : `Frame ${frame + 1}`}
        {!done && progress?.unique_people > 0 && (
          <span data-testid="live-people">
            {' '}
            · {progress.unique_people} {progress.unique_people === 1 ? 'person' : 'people'} so far
          </span>
        )}
      </p>
      {preview && (
        <figure className="preview">
          <img src={preview} alt={`Live preview, frame ${frame != null ? frame + 1 : ''}`} data-testid="preview" />
          <figcaption>Live preview</figcaption>
        </figure>
      )}
    </div>
  );
}
