import { formatBytes, formatDuration, formatRate } from '../lib/format.js';

/** Upload bar with bytes, rate and time left; shows a retry notice while waiting to try again. */
export default function UploadProgress({ upload, active }) {
  const total = upload?.totalBytes ?? 0;
  const done = upload?.uploadedBytes ?? 0;
  const percent = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <div className="progress-block" data-testid="upload-progress">
      <div className="progress-block__label">
        <span id="upload-label">Upload</span>
        <span>{percent}%</span>
      </div>
      <progress aria-labelledby="upload-label" max={total || 1} value={done} />
      <p className="progress-block__detail">
        {formatBytes(done)} of {formatBytes(total)}
        {active && upload?.rate > 0 && (
          <>
            {' · '}
            {formatRate(upload.rate)}
            {upload.eta != null && ` · about ${formatDuration(upload.eta)} left`}
          </>
        )}
      </p>
      {active && upload?.retry && (
        <p className="notice" data-testid="upload-retry">
          Connection problem, trying again in {formatDuration(upload.retry.delayMs / 1000)} (attempt{' '}
          {upload.retry.attempt} of {upload.retry.maxRetries}).
        </p>
      )}
    </div>
  );
}
