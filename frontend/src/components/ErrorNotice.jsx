/**
 * The failure in one plain sentence, with the one next step that can work: Resume (the same upload, from where
 * it stopped) for a failure that can pass, another file when the file is the problem, or a fresh start.
 */
export default function ErrorNotice({ error, onResume, onStartOver, onChooseFile }) {
  const next = error.next ?? (error.retryable ? 'resume' : 'start-over');
  const title =
    next === 'choose-file' ? 'This file cannot be analysed' : next === 'resume' ? 'The connection was interrupted' : 'The analysis stopped';
  return (
    <div className="error" role="alert" data-testid="error" data-next={next}>
      <p className="error__title">{title}</p>
      <p className="error__message">{error.message}</p>
      {next === 'resume' && onResume && (
        <button type="button" onClick={onResume}>
          Resume
        </button>
      )}
      {next === 'choose-file' && onChooseFile && (
        <button type="button" onClick={onChooseFile}>
          Choose another file
        </button>
      )}
      {next === 'start-over' && onStartOver && (
        <button type="button" onClick={onStartOver}>
          Start again
        </button>
      )}
    </div>
  );
}
