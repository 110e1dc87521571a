// React state for one analysis run: phase, upload and processing progress, latest preview, result or
// error; and the actions start, retry and cancel. All network work lives in lib/analysis.js.

import { useCallback, useEffect, useReducer, useRef } from 'react';
import { analyzeVideo, cancelSession, followSession } from './lib/analysis.js';
import { TrackerError } from './lib/errors.js';
import { previewSrc } from './lib/format.js';

const initial = {
  phase: 'idle', // idle | uploading | processing | done | error | cancelled
  upload: null,
  progress: null,
  preview: null,
  result: null,
  error: null,
  failedPhase: null,
  sessionId: null,
};

function reducer(state, action) {
  switch (action.type) {
    case 'start':
      return { ...initial, phase: 'uploading', sessionId: action.sessionId ?? null, upload: action.keepUpload ? state.upload : null };
    case 'resume-processing':
      return { ...state, phase: 'processing', error: null, failedPhase: null };
    case 'session':
      return { ...state, sessionId: action.sessionId };
    case 'phase':
      return state.phase === action.phase ? state : { ...state, phase: action.phase };
    case 'upload':
      return { ...state, upload: action.upload };
    case 'progress':
      return { ...state, progress: action.progress, preview: previewSrc(action.progress.preview) ?? state.preview };
    case 'done':
      return { ...state, phase: 'done', result: action.result };
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

function toTrackerError(e) {
  if (e instanceof TrackerError) return e;
  console.error(e);
  return new TrackerError('bug', 'Something went wrong in this page. Reload it and try again.');
}

export function useAnalysis({ fetch } = {}) {
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
        if (!controller.signal.aborted) dispatch({ type: 'done', result });
      } catch (e) {
        if (controller.signal.aborted) return; // cancel() already updated the state
        dispatch({ type: 'error', error: toTrackerError(e) });
      } finally {
        if (controllerRef.current === controller) controllerRef.current = null;
      }
    },
    [],
  );

  const start = useCallback(
    (file, settings, { sessionId, resume = false } = {}) => {
      dispatch({ type: 'start', sessionId, keepUpload: resume });
      return run(async (signal) => {
        const { result } = await analyzeVideo({
          file,
          settings,
          fetch,
          signal,
          sessionId,
          resume,
          onSession: (id) => dispatch({ type: 'session', sessionId: id }),
          onPhase: (phase) => dispatch({ type: 'phase', phase }),
          onUpload: (upload) => dispatch({ type: 'upload', upload }),
          onProgress: (progress) => dispatch({ type: 'progress', progress }),
        });
        return result;
      });
    },
    [fetch, run],
  );

  /** Picks up where the failure left off: resume the upload, reconnect to progress, or start over. */
  const retry = useCallback(
    (file, settings) => {
      const { error, failedPhase, sessionId } = stateRef.current;
      if (sessionId && error?.retryable && failedPhase === 'processing') {
        dispatch({ type: 'resume-processing' });
        return run((signal) =>
          followSession({ sessionId, fetch, signal, onProgress: (progress) => dispatch({ type: 'progress', progress }) }),
        );
      }
      if (sessionId && error?.retryable && failedPhase === 'uploading') {
        return start(file, settings, { sessionId, resume: true });
      }
      return start(file, settings);
    },
    [fetch, run, start],
  );

  const cancel = useCallback(() => {
    const controller = controllerRef.current;
    if (!controller) return;
    controller.abort();
    dispatch({ type: 'cancelled' });
    cancelSession({ sessionId: stateRef.current.sessionId, fetch });
  }, [fetch]);

  const reset = useCallback(() => {
    controllerRef.current?.abort();
    dispatch({ type: 'reset' });
  }, []);

  return { state, start, retry, cancel, reset };
}
