// One error type for everything the analysis flow can fail with, carrying a message a person can act on.
// `kind` lets the UI and tests tell failures apart without parsing text; `retryable` says whether trying
// again (same file, same settings) has a chance of working; `next` which step can work.

export class TrackerError extends Error {
  constructor(kind, message, { status = null, detail = null, retryable = false, cause, next = null, retryAfterMs = null } = {}) {
    super(message, cause ? { cause } : undefined);
    this.name = 'TrackerError';
    this.kind = kind;
    this.status = status;
    this.detail = detail;
    this.retryable = retryable;
    // What can work next: 'resume' (retryable), 'choose-file' or 'start-over'.
    this.next = next ?? (retryable ? 'resume' : 'start-over');
    this.retryAfterMs = retryAfterMs;
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
      { next: 'choose-file' },
    );
  }
  if (file.size === 0) throw new TrackerError('invalid-file', `“${file.name}” is empty.`, { next: 'choose-file' });
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

/**
 * Statuses worth retrying: the request may succeed later without anything changing on our side. Every other
 * 4xx is the server's final word on this upload: retrying it only repeats the refusal.
 */
export function isRetryableStatus(status) {
  return status === 408 || status === 429 || status >= 500;
}

const SECONDS = /^\s*(\d+)\s*$/;

/** The wait a `Retry-After` header asks for, in ms (seconds or an HTTP date); null when absent or unreadable. */
export function retryAfterMs(value, now = Date.now()) {
  if (value == null || value === '') return null;
  const m = SECONDS.exec(String(value));
  if (m) return Number(m[1]) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

function duration(seconds) {
  const s = Number(seconds);
  if (!Number.isFinite(s)) return String(seconds);
  if (s >= 3600 && s % 3600 === 0) return `${s / 3600} h`;
  if (s >= 60 && s % 60 === 0) return `${s / 60} min`;
  return `${s} s`;
}

/**
 * The server's detail (which names FFmpeg and HTTP internals) as a sentence a person understands, and what to do
 * next: 'choose-file' when a different file is the only way forward, 'start-over' when a new upload can work.
 * Null when the detail is not one we know.
 */
export function plainReason(detail) {
  const text = detailText(detail);
  const ended = /the session has ended \((.*)\)(; start a new one)?$/s.exec(text);
  if (ended) return plainReason(ended[1]);
  if (/not a supported video|Invalid data found|no video stream|no decoder for|has no frames|cannot convert pixel format/i.test(text)) {
    return { message: "This file isn't a video Tracker can read. Choose another video file.", next: 'choose-file', kind: 'invalid-video' };
  }
  let m = /lasts \d+ s; this service accepts up to (\d+)/.exec(text);
  if (m) {
    return { message: `This video is longer than the ${duration(m[1])} this server accepts. Choose a shorter one.`, next: 'choose-file', kind: 'too-long' };
  }
  if (/has (more than )?\d+ frames.*accepts/.test(text)) {
    return { message: 'This video has more frames than this server accepts. Choose a shorter one.', next: 'choose-file', kind: 'too-long' };
  }
  m = /is \d+x\d+; this service accepts up to (\d+x\d+)/.exec(text);
  if (m) {
    return { message: `This video's picture is larger than the ${m[1]} this server accepts.`, next: 'choose-file', kind: 'too-large' };
  }
  if (/uploads may be at most|chunks may be at most/.test(text)) {
    return { message: 'This video is larger than this server accepts.', next: 'choose-file', kind: 'too-large' };
  }
  if (/analysing longer|processing time/i.test(text)) {
    return { message: 'The analysis took longer than this server allows for one video.', next: 'choose-file', kind: 'too-long' };
  }
  return null;
}

/**
 * Maps an HTTP error status (and the server's detail) to a TrackerError with a message for people.
 * `what` names the step ("The upload"); `session: true` says the URL names an upload session, so a 404
 * means the server no longer has that session (expired or cancelled) rather than a missing endpoint.
 * Only network-like failures (408, 429, 5xx) are retryable; 503/429 carry the server's Retry-After.
 */
export function httpError(status, detail, what = 'The request', { session = false, retryAfter = null } = {}) {
  const plain = plainReason(detail);
  if (plain && !isRetryableStatus(status)) {
    return new TrackerError(plain.kind, plain.message, { status, detail, next: plain.next });
  }
  switch (status) {
    case 400:
      return new TrackerError('rejected', 'The server refused this upload. Start again; if it happens again, the server may be out of date.', {
        status,
        detail,
        next: 'start-over',
      });
    case 403:
      return new TrackerError('forbidden', 'This page no longer holds the key to that upload. Start again.', { status, detail, next: 'start-over' });
    case 404:
      if (session) {
        return new TrackerError('not-found', 'The server no longer has this upload: it was cancelled or kept too long. Start again.', {
          status,
          detail,
          next: 'start-over',
        });
      }
      return new TrackerError('not-found', `${what} failed: this server does not offer it. It may be out of date or still starting.`, {
        status,
        detail,
        next: 'start-over',
      });
    case 409:
      return new TrackerError('conflict', 'The server has already stopped this upload. Start again.', { status, detail, next: 'start-over' });
    case 413:
      return new TrackerError('too-large', 'This video is larger than this server accepts.', { status, detail, next: 'choose-file' });
    case 415:
      return new TrackerError('unsupported', `The server does not accept this kind of file. Use ${ALLOWED_EXTENSIONS.join(', ')}.`, {
        status,
        detail,
        next: 'choose-file',
      });
    case 422:
      return new TrackerError('invalid-video', "This file isn't a video Tracker can read. Choose another video file.", {
        status,
        detail,
        next: 'choose-file',
      });
    default:
      if (status === 503 || status === 429) {
        return new TrackerError('busy', 'The server is busy with other videos.', {
          status,
          detail,
          retryable: true,
          retryAfterMs: retryAfter,
        });
      }
      if (isRetryableStatus(status)) {
        return new TrackerError('server', `${what} failed on the server (HTTP ${status}). Try again in a moment.`, {
          status,
          detail,
          retryable: true,
        });
      }
      return new TrackerError('http', `${what} was refused (HTTP ${status}).`, { status, detail, next: 'start-over' });
  }
}

/** An SSE `error` event: the analysis ended on the server, so trying the same upload again cannot help. */
export function analysisError(detail) {
  const plain = plainReason(detail);
  if (plain) return new TrackerError(plain.kind, plain.message, { detail, next: plain.next });
  const text = detailText(detail);
  return new TrackerError('analysis', text ? `The analysis stopped: ${text}.` : 'The analysis stopped on the server.', {
    detail,
    next: 'start-over',
  });
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
