import { useId, useRef, useState } from 'react';
import { ALLOWED_EXTENSIONS } from '../lib/errors.js';
import HiddenFileInput from './HiddenFileInput.jsx';

/** True on a touch screen (no hover, coarse pointer): there the words are "tap", not "click, press Enter or drop". */
function isTouch() {
  return typeof window !== 'undefined' && window.matchMedia?.('(pointer: coarse)').matches === true;
}

/** A keyboard-operable file chooser that also accepts a dropped file. */
export default function DropZone({ onFile, disabled = false, file }) {
  const inputRef = useRef(null);
  const [dragging, setDragging] = useState(false);
  const helpId = useId();

  const choose = () => {
    if (!disabled) inputRef.current?.click();
  };

  return (
    <>
      <div
        className={`dropzone${dragging ? ' dropzone--dragging' : ''}${disabled ? ' dropzone--disabled' : ''}`}
        role="button"
        tabIndex={disabled ? -1 : 0}
        aria-disabled={disabled}
        aria-describedby={helpId}
        data-testid="dropzone"
        onClick={choose}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            choose();
          }
        }}
        onDragOver={(e) => {
          e.preventDefault();
          if (!disabled) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          const dropped = e.dataTransfer?.files?.[0];
          if (dropped && !disabled) onFile(dropped);
        }}
      >
        <span className="dropzone__title">{file ? file.name : 'Choose a video'}</span>
        <span className="dropzone__hint" id={helpId}>
          {isTouch()
            ? file
              ? 'Tap to choose another video.'
              : 'Tap to choose a video.'
            : file
              ? 'Click, press Enter or drop another file to change it.'
              : 'Click, press Enter, or drop a file here.'}{' '}
          Accepted: {ALLOWED_EXTENSIONS.join(' ')}
        </span>
      </div>
      {/* Outside the drop zone, so its programmatic click does not bubble back into the zone's onClick. */}
      <HiddenFileInput
        ref={inputRef}
        onFile={onFile}
        accept={[...ALLOWED_EXTENSIONS, 'video/*'].join(',')}
        testId="file-input"
      />
    </>
  );
}
