// The chunked upload: 1 MB pieces POSTed one after another to /api/upload-chunk. The server starts
// decoding on chunk 0, so processing overlaps the rest of the upload. A failed piece is retried with
// exponential backoff; before each retry we ask the server which pieces it already holds
// (GET /api/sessions/{id}) and continue from the first one it lacks, so a lost answer never makes us
// send twice and a lost session makes us start over from chunk 0.

import { TrackerError, httpError, readDetail } from './errors.js';
import { backoffDelay, sleep as abortableSleep, withTimeout } from './http.js';
import { sessionHeaders } from './session-token.js';

export const CHUNK_SIZE = 1024 * 1024;
export const CHUNK_TIMEOUT_MS = 30_000;
export const MAX_RETRIES = 5;

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
 * retry, `{attempt, maxRetries, delayMs, reason}`.
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
        if (!res.ok) throw httpError(res.status, await readDetail(res), 'The upload', { session: true });
        return res.json().catch(() => ({}));
      },
      { timeoutMs, signal },
    );
  };

  if (resume) confirmed = (await askServer()) ?? confirmed;
  report();

  let failures = 0;
  for (let index = firstMissing(confirmed, total); index !== -1; index = firstMissing(confirmed, total)) {
    try {
      await postChunk(index);
      confirmed.add(index);
      sentBytes += sizeOf(index);
      failures = 0;
      report();
    } catch (e) {
      if (!(e instanceof TrackerError) || !e.retryable) throw e;
      failures += 1;
      if (failures > maxRetries) {
        e.message = `${e.message} (gave up after ${maxRetries + 1} attempts at part ${index + 1} of ${total})`;
        throw e;
      }
      const delayMs = backoff(failures);
      report({ attempt: failures, maxRetries, delayMs, reason: e.message });
      await sleep(delayMs, signal);
      const held = await askServer();
      if (held) confirmed = held; // the server is the authority on what it has
    }
  }
  return { sessionId, totalChunks: total };
}
