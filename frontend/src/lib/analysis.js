// The whole client-side flow:
//   small file (≤ 1 MB)  → POST /api/analyze-stream, answered with the event stream;
//   larger file          → chunked upload, and from the moment the server holds the first chunk,
//                          GET /api/stream-progress/{id} alongside it, so the analysis (which starts on
//                          chunk 0) is on screen while the rest uploads. If that stream is not 200, the
//                          fallback POST /api/analyze-assembled/{id} is used once the upload is complete.
// A final failure of either side stops the other: an SSE `error` (say, the file is no video) ends the
// upload at once instead of letting it retry against a session that has ended.

import { TrackerError, httpError, networkError, readDetail, validateVideoFile } from './errors.js';
import { sessionHeaders } from './session-token.js';
import { backoffDelay, browserNetwork, sleep as abortableSleep, withTimeout } from './http.js';
import { followAnalysis } from './sse.js';
import { CHUNK_SIZE, CHUNK_TIMEOUT_MS, uploadChunks } from './upload.js';

export const SMALL_FILE_LIMIT = CHUNK_SIZE;
// stream-progress waits up to 30 s for the session to appear before answering.
export const STREAM_CONNECT_TIMEOUT_MS = 45_000;
// The server sends keepalives; this long without any byte means the connection is dead.
export const STREAM_IDLE_TIMEOUT_MS = 120_000;
export const STREAM_RECONNECTS = 3;

function settingsForm(settings) {
  const form = new FormData();
  if (settings.confidence != null) form.append('confidence', String(settings.confidence));
  if (settings.debug != null) form.append('debug', String(Boolean(settings.debug)));
  if (settings.previewInterval != null) form.append('preview_interval', String(settings.previewInterval));
  if (settings.mode) form.append('mode', settings.mode);
  return form;
}

function asTrackerError(e, signal) {
  if (e instanceof TrackerError) return e;
  if (signal?.aborted) return new TrackerError('cancelled', 'Cancelled.');
  return networkError(e);
}

/** Opens an event-stream request; resolves with the Response (any status) once headers arrive. */
function openStream(fetch, url, init, { signal, timeoutMs }) {
  return withTimeout(
    (s) => fetch(url, { ...init, signal: s, headers: { Accept: 'text/event-stream', ...(init.headers ?? {}) } }),
    { signal, timeoutMs },
  );
}

/**
 * Follows the progress of an uploaded session to its `complete` data. A dropped stream-progress
 * connection is reopened (the server replays the latest progress and the terminal event to a late
 * subscriber); a non-200 answer switches once to analyze-assembled.
 */
export async function followSession({
  sessionId,
  fetch,
  apiBase = '',
  signal,
  onProgress,
  connectTimeoutMs = STREAM_CONNECT_TIMEOUT_MS,
  idleTimeoutMs = STREAM_IDLE_TIMEOUT_MS,
  reconnects = STREAM_RECONNECTS,
  backoff = backoffDelay,
  sleep = abortableSleep,
  uploaded = null,
  network = browserNetwork,
}) {
  const id = encodeURIComponent(sessionId);
  let lastEventId = '';
  const onEvent = (ev) => {
    if (ev.id) lastEventId = ev.id;
  };
  for (let attempt = 0; ; attempt++) {
    try {
      // On a reconnect, Last-Event-ID lets the server skip what we have already seen.
      const headers = { ...sessionHeaders(sessionId), ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}) };
      const res = await openStream(fetch, `${apiBase}/api/stream-progress/${id}`, { headers }, { signal, timeoutMs: connectTimeoutMs });
      if (res.ok) return await followAnalysis(res, { onProgress, onEvent, idleTimeoutMs });
      await res.body?.cancel().catch(() => {});
      if (uploaded) await uploaded; // analyze-assembled needs the whole upload
      const fallback = await openStream(
        fetch,
        `${apiBase}/api/analyze-assembled/${id}`,
        { method: 'POST', headers: sessionHeaders(sessionId) },
        { signal, timeoutMs: connectTimeoutMs },
      );
      if (!fallback.ok) {
        // Final: the server has neither a progress stream nor an assembled upload for this session.
        const err = httpError(fallback.status, await readDetail(fallback), 'The analysis', { session: true });
        err.retryable = false;
        throw err;
      }
      try {
        return await followAnalysis(fallback, { onProgress, idleTimeoutMs });
      } catch (e) {
        // Not reconnecting here: a second POST could start the processing a second time.
        throw Object.assign(asTrackerError(e, signal), { retryable: false });
      }
    } catch (e) {
      const err = asTrackerError(e, signal);
      if (!err.retryable) throw err;
      if (!network.isOnline()) {
        attempt -= 1; // an outage of the browser's own network costs no attempt: wait it out
        await network.waitOnline(signal);
        continue;
      }
      if (attempt >= reconnects) throw err;
      await sleep(backoff(attempt + 1), signal);
    }
  }
}

/**
 * A random session id. crypto.randomUUID() exists only in secure contexts (https, localhost); the app
 * opened over plain http on a LAN address still needs an id, so build the same v4 UUID from
 * getRandomValues, which is always there.
 */
export function newSessionId(c = globalThis.crypto) {
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; // version 4
  b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Small files: one POST whose answer is the event stream. */
async function analyzeSmall({ file, settings, fetch, apiBase, signal, onOpen, onProgress, connectTimeoutMs, idleTimeoutMs }) {
  const form = settingsForm(settings);
  form.append('file', file, file.name);
  const res = await openStream(
    fetch,
    `${apiBase}/api/analyze-stream`,
    { method: 'POST', body: form },
    { signal, timeoutMs: connectTimeoutMs },
  );
  if (!res.ok) throw httpError(res.status, await readDetail(res), 'The upload');
  onOpen(); // the server answers once it has the whole file: the upload part is over
  try {
    return await followAnalysis(res, { onProgress, idleTimeoutMs });
  } catch (e) {
    throw asTrackerError(e, signal);
  }
}

/**
 * Runs the flow for one file. Callbacks: onPhase('uploading' | 'processing'), onUpload(upload progress),
 * onProgress(progress event data), onSession(id) as soon as the id is known (for cancel).
 * Resolves with `{sessionId, result}` where result is the `complete` event data.
 */
export async function analyzeVideo({
  file,
  settings = {},
  fetch = (...args) => globalThis.fetch(...args),
  apiBase = '',
  signal,
  sessionId,
  resume = false,
  newId = newSessionId,
  onPhase = () => {},
  onUpload = () => {},
  onProgress = () => {},
  onSession = () => {},
  chunkSize = CHUNK_SIZE,
  chunkTimeoutMs = CHUNK_TIMEOUT_MS,
  connectTimeoutMs = STREAM_CONNECT_TIMEOUT_MS,
  idleTimeoutMs = STREAM_IDLE_TIMEOUT_MS,
  upload = uploadChunks,
  network = browserNetwork,
}) {
  const ext = validateVideoFile(file);
  if (file.size <= SMALL_FILE_LIMIT) {
    onPhase('uploading');
    onUpload({ uploadedBytes: 0, totalBytes: file.size, chunksDone: 0, totalChunks: 1, rate: 0, eta: null, retry: null });
    const result = await analyzeSmall({
      file,
      settings,
      fetch,
      apiBase,
      signal,
      connectTimeoutMs,
      idleTimeoutMs,
      onOpen: () => {
        onUpload({ uploadedBytes: file.size, totalBytes: file.size, chunksDone: 1, totalChunks: 1, rate: 0, eta: 0, retry: null });
        onPhase('processing');
      },
      onProgress,
    });
    return { sessionId: null, result };
  }

  const id = sessionId ?? newId();
  onSession(id);
  onPhase('uploading');

  // One signal for both halves: whichever fails for good stops the other.
  const both = new AbortController();
  const linked = signal ? AbortSignal.any([signal, both.signal]) : both.signal;
  let failure = null;
  const fail = (e) => {
    if (!failure || failure.kind === 'cancelled') failure = asTrackerError(e, signal);
    both.abort();
  };
  let markUploaded;
  const uploaded = new Promise((resolve) => {
    markUploaded = resolve;
  });
  let stream = null;
  const follow = () => {
    if (!stream) {
      stream = followSession({ sessionId: id, fetch, apiBase, signal: linked, onProgress, connectTimeoutMs, idleTimeoutMs, uploaded, network });
      stream.catch(fail);
    }
    return stream;
  };

  try {
    await upload({
      file,
      sessionId: id,
      ext,
      settings,
      fetch,
      apiBase,
      signal: linked,
      chunkSize,
      timeoutMs: chunkTimeoutMs,
      resume,
      network,
      onProgress: (u) => {
        onUpload(u);
        if (u.chunksDone >= 1) follow(); // the session exists on the server: its progress can be followed
      },
    });
  } catch (e) {
    fail(e);
  }
  if (failure) throw failure;
  markUploaded();
  onPhase('processing');
  try {
    return { sessionId: id, result: await follow() };
  } catch (e) {
    throw failure ?? asTrackerError(e, signal);
  }
}

/** Best effort: tells the server to stop and drop a session. Never throws (the endpoint may not exist yet). */
export async function cancelSession({ sessionId, fetch = (...args) => globalThis.fetch(...args), apiBase = '' }) {
  if (!sessionId) return false;
  try {
    const res = await withTimeout(
      (s) =>
        fetch(`${apiBase}/api/sessions/${encodeURIComponent(sessionId)}`, {
          method: 'DELETE',
          signal: s,
          keepalive: true, // still delivered when the page is being closed
          headers: sessionHeaders(sessionId),
        }),
      { timeoutMs: 5000 },
    );
    return res.ok;
  } catch {
    return false;
  }
}
