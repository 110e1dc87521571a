import { useNow } from '../hooks/useNow.js';
import { formatBytes, formatDuration, formatRate } from '../lib/format.js';

/** What the upload is waiting for, in words: a busy server (with its countdown), the network, or a retry. */
function RetryNotice({ retry }) {
  const now = useNow(Boolean(retry?.until));
  const left = retry?.until ? Math.max(0, Math.ceil((retry.until - now) / 1000)) : null;
  if (retry.busy) {
    return (
      <p className="notice" data-testid="upload-busy">
        Server busy, starting in {left} s.
      </p>
    );
  }
  if (retry.offline) {
    return (
      <p className="notice" data-testid="upload-offline">
        You are offline. The upload continues by itself when the connection is back.
      </p>
    );
  }
  return (
    <p className="notice" data-testid="upload-retry">
      Connection problem, trying again {left ? `in ${formatDuration(left)}` : 'now'} (attempt {retry.attempt} of {retry.maxRetries}).
    </p>
  );
}

/** Upload bar with bytes, rate and time left; says what it waits for while it cannot send. */
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
      {active && upload?.retry && <RetryNotice retry={upload.retry} />}
    </div>
  );
}
