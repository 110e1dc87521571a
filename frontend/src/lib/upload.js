// The chunked upload: 1 MB pieces POSTed one after another to /api/upload-chunk. The server starts
// decoding on chunk 0, so processing overlaps the rest of the upload. Only failures that can pass are
// retried: network errors and 5xx with exponential backoff, a busy server (503/429) after its Retry-After,
// and while the browser is offline we wait for it to come back without counting attempts. Any other 4xx
// is final. Before each retry we ask the server which pieces it already holds (GET /api/sessions/{id})
// and continue from the first one it lacks, so a lost answer never makes us send twice.

import { TrackerError, httpError, readDetail, retryAfterMs } from './errors.js';
import { backoffDelay, browserNetwork, sleep as abortableSleep, withTimeout } from './http.js';
import { sessionHeaders } from './session-token.js';

export const CHUNK_SIZE = 1024 * 1024;
export const CHUNK_TIMEOUT_MS = 30_000;
export const MAX_RETRIES = 5;
// A busy server (admission full) is waited for this many times, Retry-After each (10 s by default): 15 min.
export const MAX_BUSY_WAITS = 90;
const DEFAULT_BUSY_MS = 10_000;

export function chunkCount(size, chunkSize = CHUNK_SIZE) {
  return Math.max(1, Math.ceil(size / chunkSize));
}

function firstMissing(confirmed, total) {
  for (let i = 0; i < total; i++) if (!confirmed.has(i)) return i;
  return -1;
}

/**
 * Which chunks the server holds: a Set, an empty Set when it does not know the session (404),
 * or null when we cannot tell (network trouble, unexpected answer) and should trust our own record.
 */
export async function fetchServerChunks({ fetch, apiBase = '', sessionId, total, timeoutMs, signal }) {
  try {
    return await withTimeout(
      async (s) => {
        const res = await fetch(`${apiBase}/api/sessions/${encodeURIComponent(sessionId)}`, {
          signal: s,
          headers: { Accept: 'application/json', ...sessionHeaders(sessionId) },
        });
        if (res.status === 404) return new Set();
        if (!res.ok) return null;
        const body = await res.json();
        if (!Array.isArray(body?.received_chunks)) return null;
        return new Set(body.received_chunks.map(Number).filter((i) => Number.isInteger(i) && i >= 0 && i < total));
      },
      { timeoutMs, signal },
    );
  } catch (e) {
    if (e instanceof TrackerError && e.kind === 'cancelled') throw e;
    return null;
  }
}

/**
 * Uploads `file` in chunks. Resolves with `{sessionId, totalChunks}` once the server holds every chunk.
 *
 * onProgress receives `{uploadedBytes, totalBytes, chunksDone, totalChunks, rate, eta, retry}` where rate is
 * bytes/s actually sent in this run, eta seconds (null until a rate is known) and retry, while waiting to
 * retry, `{attempt, maxRetries, delayMs, until, reason, busy, offline}` (busy: the server asked us to wait;
 * offline: we wait for the browser to be online again).
 *
 * `fetch`, `sleep` and `now` are injectable for tests. `resume: true` asks the server first (used when the
 * person retries a failed upload with the same session id).
 */
export async function uploadChunks({
  file,
  sessionId,
  ext,
  settings = {},
  fetch = (...args) => globalThis.fetch(...args),
  apiBase = '',
  signal,
  onProgress = () => {},
  chunkSize = CHUNK_SIZE,
  timeoutMs = CHUNK_TIMEOUT_MS,
  maxRetries = MAX_RETRIES,
  backoff = backoffDelay,
  sleep = abortableSleep,
  now = () => Date.now(),
  resume = false,
  network = browserNetwork,
  maxBusyWaits = MAX_BUSY_WAITS,
}) {
  const total = chunkCount(file.size, chunkSize);
  const sizeOf = (i) => Math.max(0, Math.min(chunkSize, file.size - i * chunkSize));
  const askServer = () => fetchServerChunks({ fetch, apiBase, sessionId, total, timeoutMs, signal });

  const startedAt = now();
  let sentBytes = 0;
  let confirmed = new Set();

  const report = (retry = null) => {
    let uploadedBytes = 0;
    for (const i of confirmed) uploadedBytes += sizeOf(i);
    const elapsed = (now() - startedAt) / 1000;
    const rate = elapsed > 0 && sentBytes > 0 ? sentBytes / elapsed : 0;
    const eta = rate > 0 ? (file.size - uploadedBytes) / rate : null;
    onProgress({
      uploadedBytes,
      totalBytes: file.size,
      chunksDone: confirmed.size,
      totalChunks: total,
      rate,
      eta,
      retry,
    });
  };

  const postChunk = (index) => {
    const form = new FormData();
    form.append('session_id', sessionId);
    form.append('chunk_index', String(index));
    form.append('total_chunks', String(total));
    form.append('ext', ext);
    if (index === 0) {
      // The server creates the session, and fixes its settings, from chunk 0.
      if (settings.confidence != null) form.append('confidence', String(settings.confidence));
      if (settings.debug != null) form.append('debug', String(Boolean(settings.debug)));
      if (settings.previewInterval != null) form.append('preview_interval', String(settings.previewInterval));
      if (settings.mode) form.append('mode', settings.mode);
    }
    const start = index * chunkSize;
    form.append('file', file.slice(start, start + sizeOf(index)), `chunk-${index}${ext}`);
    return withTimeout(
      async (s) => {
        // The id is also a header so an ingress can route every chunk of a session to the same pod.
        const res = await fetch(`${apiBase}/api/upload-chunk`, {
          method: 'POST',
          body: form,
          signal: s,
          headers: sessionHeaders(sessionId),
        });
        if (!res.ok) {
          const retryAfter = retryAfterMs(res.headers?.get?.('Retry-After'));
          throw httpError(res.status, await readDetail(res), 'The upload', { session: true, retryAfter });
        }
        return res.json().catch(() => ({}));
      },
      { timeoutMs, signal },
    );
  };

  if (resume) confirmed = (await askServer()) ?? confirmed;
  report();

  let failures = 0;
  let busyWaits = 0;
  for (let index = firstMissing(confirmed, total); index !== -1; index = firstMissing(confirmed, total)) {
    try {
      await postChunk(index);
      confirmed.add(index);
      sentBytes += sizeOf(index);
      failures = 0;
      report();
    } catch (e) {
      if (e instanceof TrackerError && e.kind === 'conflict' && e.status === 409 && !/session has ended/.test(e.detail ?? '')) {
        // A chunk the server already holds (our earlier attempt got through, its answer was lost) or one still
        // arriving on that earlier request: the server's record decides, it is not a refusal of the upload.
        const held = await askServer();
        if (held?.has(index)) {
          confirmed = held;
          continue;
        }
        if (!/retry later/.test(e.detail ?? '')) throw e;
        e.retryable = true;
      }
      if (!(e instanceof TrackerError) || !e.retryable) throw e;
      if (e.kind === 'busy') {
        // The server refused to start one more analysis and said when to ask again: not a failure of ours.
        busyWaits += 1;
        if (busyWaits > maxBusyWaits) throw e;
        const delayMs = e.retryAfterMs ?? DEFAULT_BUSY_MS;
        report({ busy: true, attempt: busyWaits, maxRetries: maxBusyWaits, delayMs, until: now() + delayMs, reason: e.message });
        await sleep(delayMs, signal);
      } else if (!network.isOnline()) {
        report({ offline: true, attempt: 0, maxRetries, delayMs: 0, until: null, reason: e.message });
        await network.waitOnline(signal);
      } else {
        failures += 1;
        if (failures > maxRetries) {
          e.message = `${e.message} (gave up after ${maxRetries + 1} attempts at part ${index + 1} of ${total})`;
          throw e;
        }
        const delayMs = backoff(failures);
        report({ attempt: failures, maxRetries, delayMs, until: now() + delayMs, reason: e.message });
        await sleep(delayMs, signal);
      }
      const held = await askServer();
      if (held) confirmed = held; // the server is the authority on what it has
    }
  }
  return { sessionId, totalChunks: total };
}
