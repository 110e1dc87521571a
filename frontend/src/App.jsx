import { useEffect, useRef, useState } from 'react';
import DropZone from './components/DropZone.jsx';
import ErrorNotice from './components/ErrorNotice.jsx';
import ProcessingProgress from './components/ProcessingProgress.jsx';
import ResultView from './components/ResultView.jsx';
import ResumeOffer from './components/ResumeOffer.jsx';
import SettingsForm, { DEFAULT_SETTINGS, normalizeSettings } from './components/SettingsForm.jsx';
import UploadProgress from './components/UploadProgress.jsx';
import { cancelSession } from './lib/analysis.js';
import { validateVideoFile } from './lib/errors.js';
import { readyIn } from './lib/eta.js';
import { formatBytes, formatDuration } from './lib/format.js';
import { clearUpload, fileMismatch, loadUpload } from './lib/resume-store.js';
import { adoptToken } from './lib/session-token.js';
import { isBusy, useAnalysis } from './useAnalysis.js';

/** What a screen reader hears: phase changes and progress in 10 % steps, not every event. */
function announcement(state) {
  const step = (p) => Math.floor(p / 10) * 10;
  switch (state.phase) {
    case 'uploading': {
      const u = state.upload;
      if (u?.retry?.busy) return 'The server is busy; the upload starts by itself.';
      if (u?.retry) return 'Connection problem, retrying the upload.';
      return u?.totalBytes ? `Uploading, ${step((u.uploadedBytes / u.totalBytes) * 100)} percent.` : 'Uploading.';
    }
    case 'processing': {
      const p = state.progress?.percent;
      return typeof p === 'number' ? `Analysing, ${step(p)} percent.` : 'Analysing.';
    }
    case 'done':
      return 'Analysis complete. The result is below.';
    case 'cancelled':
      return 'Cancelled.';
    default:
      return '';
  }
}

/** The tab's title carries the progress, so a person in another tab sees how far it is. */
function tabTitle(state) {
  if (state.phase === 'done') return 'Done · Tracker';
  if (state.phase === 'error') return 'Stopped · Tracker';
  if (!isBusy(state)) return 'Tracker';
  const p = state.progress?.percent;
  if (typeof p === 'number') return `${Math.round(p)}% analysed · Tracker`;
  const u = state.upload;
  return u?.totalBytes ? `${Math.round((u.uploadedBytes / u.totalBytes) * 100)}% uploaded · Tracker` : 'Tracker';
}

export default function App() {
  const [file, setFile] = useState(null);
  const [fileError, setFileError] = useState(null);
  const [settings, setSettings] = useState(DEFAULT_SETTINGS);
  const [pending, setPending] = useState(() => loadUpload());
  const [mismatch, setMismatch] = useState(null);
  const { state, start, retry, cancel, reset, resumePending } = useAnalysis();
  const busy = isBusy(state);
  const resultRef = useRef(null);
  const dropRef = useRef(null);

  useEffect(() => {
    if (state.phase === 'done') resultRef.current?.querySelector('h2')?.focus();
  }, [state.phase]);

  useEffect(() => {
    document.title = tabTitle(state);
  }, [state]);

  // Leaving during a job loses it: the browser asks first. A reload can continue it (see ResumeOffer).
  useEffect(() => {
    if (!busy) return undefined;
    const warn = (e) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [busy]);

  // The network is back after an interruption that can pass: carry on without a click.
  const resumeRef = useRef(null);
  resumeRef.current = state.phase === 'error' && state.error?.retryable && file ? () => retry(file, normalizeSettings(settings)) : null;
  useEffect(() => {
    const online = () => resumeRef.current?.();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, []);

  const chooseFile = (f) => {
    if (busy) return;
    reset();
    setFile(f);
    try {
      validateVideoFile(f);
      setFileError(null);
    } catch (e) {
      setFileError(e);
    }
  };

  const analyze = () => {
    if (busy || !file || fileError) return;
    if (pending) discardPending(); // a new upload replaces the interrupted one
    start(file, normalizeSettings(settings));
  };

  const continuePending = (f) => {
    const why = fileMismatch(pending, f);
    setMismatch(why);
    if (why) return;
    setFile(f);
    setFileError(null);
    setSettings({ ...DEFAULT_SETTINGS, ...pending.settings });
    setPending(null);
    resumePending(f, pending);
  };

  function discardPending() {
    adoptToken(pending.sessionId, pending.token);
    cancelSession({ sessionId: pending.sessionId });
    clearUpload();
    setPending(null);
    setMismatch(null);
  }

  const eta = readyIn(state);
  const chooseAnother = () => {
    reset();
    dropRef.current?.querySelector('[data-testid=dropzone]')?.focus();
  };

  return (
    <main className={`app${busy ? ' app--busy' : ''}`}>
      <header className="app__header">
        <h1>Tracker</h1>
        <p>Upload a video to find the people in it, frame by frame.</p>
      </header>

      {pending && state.phase === 'idle' && (
        <ResumeOffer pending={pending} mismatch={mismatch} onFile={continuePending} onDiscard={discardPending} />
      )}

      <section className="card card--input" aria-labelledby="input-heading" ref={dropRef}>
        <h2 id="input-heading">Video</h2>
        <DropZone file={file} onFile={chooseFile} disabled={busy} />
        {file && !fileError && <p className="file-info">{formatBytes(file.size)}</p>}
        {fileError && <ErrorNotice error={fileError} />}
        {/* Collapsed while a job runs: the settings were sent with the first chunk and cannot change now. */}
        <details className="settings-box" open={!busy} key={busy ? 'busy' : 'idle'}>
          <summary>Settings</summary>
          <SettingsForm settings={settings} onChange={setSettings} disabled={busy} />
        </details>
        <div className="actions">
          <button type="button" onClick={analyze} disabled={busy || !file || Boolean(fileError)} data-testid="analyze">
            Analyze video
          </button>
        </div>
      </section>

      <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement(state)}
      </p>

      {state.phase !== 'idle' && (
        <section className="card card--progress" aria-labelledby="progress-heading" aria-busy={busy}>
          <div className="progress-head">
            <h2 id="progress-heading">Progress</h2>
            {busy && (
              <button type="button" className="button--danger" onClick={cancel} data-testid="cancel">
                Cancel
              </button>
            )}
          </div>
          {busy && (
            <p className="ready-in" data-testid="ready-in">
              {eta != null ? `Ready in about ${formatDuration(eta)}.` : 'Estimating the time left…'}
            </p>
          )}
          {state.upload && <UploadProgress upload={state.upload} active={state.phase === 'uploading'} />}
          {(busy || state.progress) && (
            <ProcessingProgress
              progress={
                state.phase === 'done'
                  ? { ...state.progress, percent: 100, total_frames: state.result?.total_frames ?? state.progress?.total_frames }
                  : state.progress
              }
              preview={state.phase === 'done' ? null : state.preview}
              active={busy}
              done={state.phase === 'done'}
            />
          )}
          {state.phase === 'cancelled' && (
            <div className="notice" data-testid="cancelled">
              <p>Cancelled. Nothing more is sent, and the server has dropped the upload.</p>
              <button type="button" onClick={analyze} disabled={!file}>
                Start again
              </button>
            </div>
          )}
          {state.phase === 'error' && (
            <ErrorNotice
              error={state.error}
              onResume={file ? () => retry(file, normalizeSettings(settings)) : undefined}
              onStartOver={file ? () => start(file, normalizeSettings(settings)) : undefined}
              onChooseFile={chooseAnother}
            />
          )}
        </section>
      )}

      {state.phase === 'done' && (
        <div ref={resultRef} className="card">
          <ResultView result={state.result} sourceName={file?.name} expiresAt={state.expiresAt} />
        </div>
      )}
    </main>
  );
}
