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
