import { useRef } from 'react';
import { formatBytes } from '../lib/format.js';
import HiddenFileInput from './HiddenFileInput.jsx';

/**
 * After a reload: the upload that was running can continue where the server left it. The browser cannot keep
 * the file across a reload, so the person picks it again; a different file is refused with the reason.
 */
export default function ResumeOffer({ pending, mismatch, onFile, onDiscard }) {
  const inputRef = useRef(null);
  return (
    <section className="card resume" aria-labelledby="resume-heading" data-testid="resume-offer">
      <h2 id="resume-heading">Continue your upload?</h2>
      <p>
        The upload of <strong>{pending.name}</strong> ({formatBytes(pending.size)}) was interrupted. Pick the same file
        again and it continues where it stopped.
      </p>
      {mismatch && (
        <p className="error__message" role="alert" data-testid="resume-mismatch">
          {mismatch}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={() => inputRef.current?.click()}>
          Pick {pending.name} again
        </button>
        <button type="button" className="button--secondary" onClick={onDiscard}>
          Discard it
        </button>
      </div>
      <HiddenFileInput ref={inputRef} onFile={onFile} testId="resume-input" />
    </section>
  );
}
