// React state for one analysis run: phase, upload and processing progress (both at once: the analysis starts
// with the first chunk), latest preview, result or error; and the actions start, retry, cancel, and continuing
// an upload after a reload. All network work lives in lib/analysis.js.

import { useCallback, useEffect, useReducer, useRef } from 'react';
import { analyzeVideo, cancelSession, followSession } from './lib/analysis.js';
import { TrackerError } from './lib/errors.js';
import { analysisRate } from './lib/eta.js';
import { previewSrc } from './lib/format.js';
import { adoptToken, sessionToken } from './lib/session-token.js';
import { clearUpload, saveUpload } from './lib/resume-store.js';

export const initial = {
  phase: 'idle', // idle | uploading | processing | done | error | cancelled
  upload: null,
  progress: null,
  preview: null,
  result: null,
  error: null,
  failedPhase: null,
  sessionId: null,
  firstProgress: null, // {at, frame} of the first progress event: the base of the analysis rate
  rate: null, // frames analysed per second
  expiresAt: null, // when the server deletes the result unless it is used (ms since the epoch)
};

export function reducer(state, action) {
  switch (action.type) {
    case 'start':
      return { ...initial, phase: 'uploading', sessionId: action.sessionId ?? null, upload: action.keepUpload ? state.upload : null };
    case 'resume-processing':
      return { ...state, phase: 'processing', error: null, failedPhase: null };
    case 'session':
      return { ...state, sessionId: action.sessionId };
    case 'phase':
      return state.phase === action.phase || !isBusy(state) ? state : { ...state, phase: action.phase };
    case 'upload':
      return isBusy(state) ? { ...state, upload: action.upload } : state;
    case 'progress': {
      if (!isBusy(state)) return state;
      const frame = action.progress.frame_index;
      const point = Number.isFinite(frame) ? { at: action.at, frame } : null;
      const firstProgress = state.firstProgress ?? point;
      return {
        ...state,
        progress: action.progress,
        preview: previewSrc(action.progress.preview) ?? state.preview,
        firstProgress,
        rate: analysisRate(firstProgress, point) ?? state.rate,
      };
    }
    case 'done': {
      const keptS = Number(action.result?.expires_in_s);
      return {
        ...state,
        phase: 'done',
        result: action.result,
        expiresAt: Number.isFinite(keptS) && keptS > 0 ? action.at + keptS * 1000 : null,
      };
    }
    case 'error':
      return { ...state, phase: 'error', error: action.error, failedPhase: state.phase };
    case 'cancelled':
      return { ...state, phase: 'cancelled' };
    case 'reset':
      return initial;
    default:
      return state;
  }
}

export function isBusy(state) {
  return state.phase === 'uploading' || state.phase === 'processing';
}

function toTrackerError(e) {
  if (e instanceof TrackerError) return e;
  console.error(e);
  return new TrackerError('bug', 'Something went wrong in this page. Reload it and try again.');
}

export function useAnalysis({ fetch, now = () => Date.now() } = {}) {
  const [state, dispatch] = useReducer(reducer, initial);
  const controllerRef = useRef(null);
  const stateRef = useRef(state);
  stateRef.current = state;

  useEffect(() => () => controllerRef.current?.abort(), []);

  const run = useCallback(
    async (work) => {
      controllerRef.current?.abort();
      const controller = new AbortController();
      controllerRef.current = controller;
      try {
        const result = await work(controller.signal);
        if (!controller.signal.aborted) {
          clearUpload();
          dispatch({ type: 'done', result, at: now() });
        }
      } catch (e) {
        if (controller.signal.aborted) return; // cancel() already updated the state
        const error = toTrackerError(e);
        if (!error.retryable) clearUpload(); // nothing left to continue after a reload
        dispatch({ type: 'error', error });
      } finally {
        if (controllerRef.current === controller) controllerRef.current = null;
      }
    },
    [now],
  );

  const start = useCallback(
    (file, settings, { sessionId, resume = false } = {}) => {
      if (controllerRef.current) return undefined; // a second click while a job runs changes nothing
      dispatch({ type: 'start', sessionId, keepUpload: resume });
      return run(async (signal) => {
        const { result } = await analyzeVideo({
          file,
          settings,
          fetch,
          signal,
          sessionId,
          resume,
          onSession: (id) => {
            dispatch({ type: 'session', sessionId: id });
            saveUpload({ sessionId: id, token: sessionToken(id), file, settings });
          },
          onPhase: (phase) => dispatch({ type: 'phase', phase }),
          onUpload: (upload) => dispatch({ type: 'upload', upload }),
          onProgress: (progress) => dispatch({ type: 'progress', progress, at: now() }),
        });
        return result;
      });
    },
    [fetch, run, now],
  );

  /** Picks up where a retryable failure left off (resume the upload or reconnect), else starts over. */
  const retry = useCallback(
    (file, settings) => {
      if (controllerRef.current) return undefined;
      const { error, failedPhase, sessionId } = stateRef.current;
      if (sessionId && error?.retryable && failedPhase === 'processing') {
        dispatch({ type: 'resume-processing' });
        return run((signal) =>
          followSession({ sessionId, fetch, signal, onProgress: (progress) => dispatch({ type: 'progress', progress, at: now() }) }),
        );
      }
      if (sessionId && error?.retryable && failedPhase === 'uploading') {
        return start(file, settings, { sessionId, resume: true });
      }
      return start(file, settings);
    },
    [fetch, run, start, now],
  );

  /** Continues an upload interrupted by a reload: same session and token, the server says what it holds. */
  const resumePending = useCallback(
    (file, pending) => {
      adoptToken(pending.sessionId, pending.token);
      return start(file, pending.settings, { sessionId: pending.sessionId, resume: true });
    },
    [start],
  );

  const cancel = useCallback(() => {
    const controller = controllerRef.current;
    if (!controller) return;
    controller.abort();
    clearUpload();
    dispatch({ type: 'cancelled' });
    cancelSession({ sessionId: stateRef.current.sessionId, fetch });
  }, [fetch]);

  const reset = useCallback(() => {
    controllerRef.current?.abort();
    dispatch({ type: 'reset' });
  }, []);

  return { state, start, retry, cancel, reset, resumePending };
}
