// One error type for everything the analysis flow can fail with, carrying a message a person can act on.
// `kind` lets the UI and tests tell failures apart without parsing text; `retryable` says whether trying
// again (same file, same settings) has a chance of working.

export class TrackerError extends Error {
  constructor(kind, message, { status = null, detail = null, retryable = false, cause } = {}) {
    super(message, cause ? { cause } : undefined);
    this.name = 'TrackerError';
    this.kind = kind;
    this.status = status;
    this.detail = detail;
    this.retryable = retryable;
  }
}

export const ALLOWED_EXTENSIONS = ['.mp4', '.mov', '.avi', '.webm', '.mkv'];

/** Lower-cased extension including the dot, or '' when the name has none. */
export function extensionOf(name) {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/** Throws a TrackerError when the file cannot be sent at all; checked before any byte leaves the browser. */
export function validateVideoFile(file) {
  if (!file) throw new TrackerError('invalid-file', 'Choose a video file first.');
  const ext = extensionOf(file.name);
  if (!ALLOWED_EXTENSIONS.includes(ext)) {
    throw new TrackerError(
      'invalid-file',
      `“${file.name}” is not a supported video. Choose a ${ALLOWED_EXTENSIONS.join(', ')} file.`,
    );
  }
  if (file.size === 0) throw new TrackerError('invalid-file', `“${file.name}” is empty.`);
  return ext;
}

/** The server's `detail` as one readable string, whatever shape it came in. */
export function detailText(detail) {
  if (detail == null) return '';
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) return detail.map(detailText).filter(Boolean).join('; ');
  if (typeof detail === 'object') {
    if (typeof detail.msg === 'string') return detail.msg;
    if (typeof detail.message === 'string') return detail.message;
  }
  try {
    return JSON.stringify(detail);
  } catch {
    return String(detail);
  }
}

/** Reads `{"detail": ...}` from an error response without ever throwing. */
export async function readDetail(response) {
  let text = '';
  try {
    text = await response.text();
  } catch {
    return '';
  }
  try {
    const body = JSON.parse(text);
    return detailText(body && typeof body === 'object' && 'detail' in body ? body.detail : body);
  } catch {
    // Not JSON: an error page from the server or a proxy. Keep its words, not its markup.
    const plain = /^\s*</.test(text)
      ? text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ')
      : text;
    const words = plain.replace(/\s+/g, ' ').trim();
    return words.length > 160 ? `${words.slice(0, 160)}…` : words;
  }
}

/** Statuses worth retrying: the request may succeed later without anything changing on our side. */
export function isRetryableStatus(status) {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/**
 * Maps an HTTP error status (and the server's detail) to a TrackerError with a message for people.
 * `what` names the step ("The upload"); `session: true` says the URL names an upload session, so a 404
 * means the server lost that session (worth retrying: the upload loop then starts over) rather than a
 * missing endpoint.
 */
export function httpError(status, detail, what = 'The request', { session = false } = {}) {
  const suffix = detail ? ` (${detail})` : '';
  switch (status) {
    case 400:
      return new TrackerError('rejected', `The server could not accept this upload${suffix}.`, { status, detail });
    case 404:
      if (session) {
        return new TrackerError('not-found', `The server no longer knows this upload${suffix}. Start again.`, {
          status,
          detail,
          retryable: true,
        });
      }
      return new TrackerError(
        'not-found',
        `${what} failed: the server has no such service (HTTP 404)${suffix}. It may be out of date or still starting.`,
        { status, detail },
      );
    case 409:
      return new TrackerError(
        'conflict',
        `The server already holds different data for this upload${suffix}. Start again.`,
        { status, detail, retryable: true },
      );
    case 413:
      return new TrackerError('too-large', `This video is larger than the server accepts${suffix}.`, {
        status,
        detail,
      });
    case 415:
      return new TrackerError(
        'unsupported',
        `The server does not accept this kind of file${suffix}. Use ${ALLOWED_EXTENSIONS.join(', ')}.`,
        { status, detail },
      );
    case 422:
      return new TrackerError('invalid-video', `The server could not read this video${suffix}.`, { status, detail });
    default:
      if (isRetryableStatus(status)) {
        return new TrackerError('server', `${what} failed on the server (HTTP ${status})${suffix}. Try again.`, {
          status,
          detail,
          retryable: true,
        });
      }
      return new TrackerError('http', `${what} failed (HTTP ${status})${suffix}.`, { status, detail });
  }
}

export function networkError(cause) {
  return new TrackerError('network', 'Could not reach the server. Check the connection and try again.', {
    retryable: true,
    cause,
  });
}

export function timeoutError(seconds) {
  return new TrackerError('timeout', `The server did not answer within ${seconds} s. Try again.`, {
    retryable: true,
  });
}

export function cancelledError() {
  return new TrackerError('cancelled', 'Cancelled.');
}

export function isAbortError(e) {
  return e != null && (e.name === 'AbortError' || (e instanceof TrackerError && e.kind === 'cancelled'));
}
