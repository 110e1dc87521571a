import { useEffect, useRef, useState } from 'react';
import DropZone from './components/DropZone.jsx';
import ErrorNotice from './components/ErrorNotice.jsx';
import ProcessingProgress from './components/ProcessingProgress.jsx';
import ResultView from './components/ResultView.jsx';
import SettingsForm, { DEFAULT_SETTINGS, normalizeSettings } from './components/SettingsForm.jsx';
import UploadProgress from './components/UploadProgress.jsx';
import { validateVideoFile } from './lib/errors.js';
import { formatBytes } from './lib/format.js';
import { useAnalysis } from './useAnalysis.js';

/** What a screen reader hears: phase changes and progress in 10 % steps, not every event. */
function announcement(state) {
  const step = (p) => Math.floor(p / 10) * 10;
  switch (state.phase) {
    case 'uploading': {
      const u = state.upload;
      if (u?.retry) return 'Connection problem, retrying the upload.';
      return u?.totalBytes ? `Uploading, ${step((u.uploadedBytes / u.totalBytes) * 100)} percent.` : 'Uploading.';
    }
    case 'processing': {
      const p = state.progress?.percent;
      return typeof p === 'number' ? `Processing, ${step(p)} percent.` : 'Processing.';
    }
    case 'done':
      return 'Analysis complete. The result is below.';
    case 'cancelled':
      return 'Cancelled.';
    default:
      return '';
  }
}

export default function App() {
  const [file, setFile] = useState(null);
  const [fileError, setFileError] = useState(null);
  const [settings, setSettings] = useState(DEFAULT_SETTINGS);
  const { state, start, retry, cancel, reset } = useAnalysis();
  const busy = state.phase === 'uploading' || state.phase === 'processing';
  const resultRef = useRef(null);

  useEffect(() => {
    if (state.phase === 'done') resultRef.current?.querySelector('h2')?.focus();
  }, [state.phase]);

  const chooseFile = (f) => {
    reset();
    setFile(f);
    try {
      validateVideoFile(f);
      setFileError(null);
    } catch (e) {
      setFileError(e);
    }
  };

  const analyze = () => start(file, normalizeSettings(settings));

  return (
    <main className="app">
      <header className="app__header">
        <h1>Tracker</h1>
        <p>Upload a video to find the people in it, frame by frame.</p>
      </header>

      <section className="card" aria-labelledby="input-heading">
        <h2 id="input-heading">Video</h2>
        <DropZone file={file} onFile={chooseFile} disabled={busy} />
        {file && !fileError && <p className="file-info">{formatBytes(file.size)}</p>}
        {fileError && <ErrorNotice error={fileError} />}
        <SettingsForm settings={settings} onChange={setSettings} disabled={busy} />
        <div className="actions">
          {busy ? (
            <button type="button" className="button--danger" onClick={cancel}>
              Cancel
            </button>
          ) : (
            <button type="button" onClick={analyze} disabled={!file || Boolean(fileError)}>
              Analyze video
            </button>
          )}
        </div>
      </section>

      <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {announcement(state)}
      </p>

      {state.phase !== 'idle' && (
        <section className="card" aria-labelledby="progress-heading" aria-busy={busy}>
          <h2 id="progress-heading">Progress</h2>
          {state.upload && <UploadProgress upload={state.upload} active={state.phase === 'uploading'} />}
          {(state.phase === 'processing' || state.progress) && (
            <ProcessingProgress
              progress={
                state.phase === 'done'
                  ? { ...state.progress, percent: 100, total_frames: state.result?.total_frames ?? state.progress?.total_frames }
                  : state.progress
              }
              preview={state.phase === 'done' ? null : state.preview}
              active={state.phase === 'processing'}
              done={state.phase === 'done'}
            />
          )}
          {state.phase === 'cancelled' && (
            <div className="notice" data-testid="cancelled">
              <p>Cancelled. Nothing more is sent.</p>
              <button type="button" onClick={analyze} disabled={!file}>
                Start again
              </button>
            </div>
          )}
          {state.phase === 'error' && (
            <ErrorNotice error={state.error} canRetry={Boolean(file)} onRetry={() => retry(file, normalizeSettings(settings))} />
          )}
        </section>
      )}

      {state.phase === 'done' && (
        <div ref={resultRef} className="card">
          <ResultView result={state.result} />
        </div>
      )}
    </main>
  );
}
