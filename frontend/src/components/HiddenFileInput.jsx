import { forwardRef } from 'react';

/**
 * The file input behind a visible control (a drop zone, a button), opened with ref.current.click(). Its value is
 * cleared after each choice, so choosing the same file again fires change again.
 */
const HiddenFileInput = forwardRef(function HiddenFileInput({ onFile, accept, testId }, ref) {
  return (
    <input
      ref={ref}
      type="file"
      className="visually-hidden"
      tabIndex={-1}
      aria-hidden="true"
      accept={accept}
      data-testid={testId}
      onChange={(e) => {
        const chosen = e.target.files?.[0];
        e.target.value = '';
        if (chosen) onFile(chosen);
      }}
    />
  );
});

export default HiddenFileInput;
