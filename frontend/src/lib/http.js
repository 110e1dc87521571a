// Small fetch helpers shared by the upload loop and the analysis flow: a per-request time limit that
// also honours the caller's cancel signal, and an abortable sleep for backoff.

import { TrackerError, cancelledError, networkError, timeoutError } from './errors.js';

/**
 * Runs `fn(signal)` (a fetch and whatever reads its response) with a time limit.
 * The signal passed to fn aborts on timeout or when the caller's signal aborts; after fn settles the
 * time limit stops but the caller's signal stays linked, so a streamed body can still be cancelled.
 * Errors come back as TrackerErrors: 'cancelled', 'timeout', 'network', or whatever fn threw itself.
 */
export async function withTimeout(fn, { timeoutMs, signal } = {}) {
  if (signal?.aborted) throw cancelledError();
  const timer = new AbortController();
  const combined = signal ? AbortSignal.any([signal, timer.signal]) : timer.signal;
  let timedOut = false;
  const id = timeoutMs ? setTimeout(() => { timedOut = true; timer.abort(); }, timeoutMs) : null;
  try {
    return await fn(combined);
  } catch (e) {
    if (signal?.aborted) throw cancelledError();
    if (timedOut) throw timeoutError(Math.round(timeoutMs / 1000));
    if (e instanceof TrackerError) throw e;
    throw networkError(e);
  } finally {
    if (id !== null) clearTimeout(id);
  }
}

/** Resolves after ms; rejects with a 'cancelled' TrackerError as soon as signal aborts. */
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelledError());
      return;
    }
    const onAbort = () => {
      clearTimeout(id);
      reject(cancelledError());
    };
    const id = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Exponential backoff: base, 2·base, 4·base … capped at maxMs. attempt counts from 1. */
export function backoffDelay(attempt, { baseMs = 500, maxMs = 8000 } = {}) {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * The browser's idea of connectivity: while it says offline, a failed request is not worth counting as an
 * attempt; we wait for the `online` event instead and carry on by ourselves. Injectable for tests.
 */
export const browserNetwork = {
  isOnline: () => globalThis.navigator?.onLine !== false,
  waitOnline(signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(cancelledError());
      const done = () => {
        globalThis.removeEventListener?.('online', done);
        signal?.removeEventListener('abort', stop);
        resolve();
      };
      const stop = () => {
        globalThis.removeEventListener?.('online', done);
        reject(cancelledError());
      };
      globalThis.addEventListener?.('online', done, { once: true });
      signal?.addEventListener('abort', stop, { once: true });
      return undefined;
    });
  },
};
