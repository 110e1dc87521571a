/** The failure, in words, with the way out. */
export default function ErrorNotice({ error, onRetry, canRetry }) {
  return (
    <div className="error" role="alert" data-testid="error">
      <p className="error__title">{error.kind === 'invalid-file' ? 'This file cannot be analysed' : 'That did not work'}</p>
      <p className="error__message">{error.message}</p>
      {canRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
