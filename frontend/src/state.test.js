import { describe, expect, it } from 'vitest';
import { readyIn } from './lib/eta.js';
import { initial, reducer } from './useAnalysis.js';

const run = (actions, from = initial) => actions.reduce(reducer, from);

describe('analysis state', () => {
  it('takes analysis progress while the upload runs, and measures its rate', () => {
    const s = run([
      { type: 'start' },
      { type: 'upload', upload: { uploadedBytes: 1, totalBytes: 4, eta: 30 } },
      { type: 'progress', progress: { frame_index: 0, total_frames: 200, preview: 'AAA' }, at: 1000 },
      { type: 'progress', progress: { frame_index: 20, total_frames: 200 }, at: 3000 },
    ]);
    expect(s.phase).toBe('uploading');
    expect(s.preview).toBe('data:image/jpeg;base64,AAA');
    expect(s.rate).toBe(10); // 20 frames in 2 s
    // the slower half decides: 30 s of upload left outlast 179 frames at 10/s, and the other way round
    expect(readyIn(s)).toBe(30);
    expect(readyIn({ ...s, upload: { eta: 5 } })).toBeCloseTo(17.9);
  });

  it('ignores what arrives after a cancel or a failure', () => {
    const s = run([{ type: 'start' }, { type: 'cancelled' }, { type: 'progress', progress: { frame_index: 5 }, at: 1 }, { type: 'phase', phase: 'processing' }]);
    expect(s).toMatchObject({ phase: 'cancelled', progress: null });
  });

  it('keeps the failed phase for Resume and counts down the time the results are kept', () => {
    const failed = run([{ type: 'start' }, { type: 'error', error: { retryable: true } }]);
    expect(failed).toMatchObject({ phase: 'error', failedPhase: 'uploading' });
    const done = run([{ type: 'start' }, { type: 'done', result: { expires_in_s: 600 }, at: 5000 }]);
    expect(done.expiresAt).toBe(605_000);
    expect(readyIn(done)).toBeNull();
  });
});
