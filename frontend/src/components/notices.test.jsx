// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TrackerError, httpError } from '../lib/errors.js';
import ErrorNotice from './ErrorNotice.jsx';
import UploadProgress from './UploadProgress.jsx';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('ErrorNotice', () => {
  const handlers = { onResume: () => {}, onStartOver: () => {}, onChooseFile: () => {} };

  it('offers only Resume for a failure that can pass', () => {
    render(<ErrorNotice error={new TrackerError('network', 'Could not reach the server.', { retryable: true })} {...handlers} />);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Resume']);
  });

  it('offers another file, never a retry, when the server refused the file', () => {
    const err = httpError(409, 'the session has ended (not a supported video (MP4, MOV, AVI, WebM or MKV): Invalid data found when processing input); start a new one');
    render(<ErrorNotice error={err} {...handlers} />);
    expect(screen.getByRole('alert').textContent).toContain("This file isn't a video Tracker can read.");
    expect(screen.getByRole('alert').textContent).not.toMatch(/Invalid data|HTTP|409/);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Choose another file']);
  });
});

describe('UploadProgress', () => {
  it('shows a busy server as a countdown to the start', () => {
    vi.useFakeTimers({ now: 100_000 });
    const upload = { uploadedBytes: 0, totalBytes: 10, retry: { busy: true, delayMs: 10_000, until: 110_000, attempt: 1, maxRetries: 90 } };
    render(<UploadProgress upload={upload} active />);
    expect(screen.getByTestId('upload-busy').textContent).toBe('Server busy, starting in 10 s.');
    act(() => vi.advanceTimersByTime(3000));
    expect(screen.getByTestId('upload-busy').textContent).toBe('Server busy, starting in 7 s.');
  });

  it('says an offline browser resumes by itself', () => {
    render(<UploadProgress upload={{ uploadedBytes: 0, totalBytes: 10, retry: { offline: true } }} active />);
    expect(screen.getByTestId('upload-offline').textContent).toMatch(/continues by itself/);
  });
});
