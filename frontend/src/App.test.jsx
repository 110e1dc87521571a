// @vitest-environment happy-dom
// The page against the in-memory server of lib/testing/fakeServer.js (as the page's fetch): upload and analysis
// on screen together, the guarded actions, and continuing an upload after a reload.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.jsx';
import { fakeServer } from './lib/testing/fakeServer.js';

const MB = 1024 * 1024;
const enc = new TextEncoder();

function video(size, name = 'walk.mp4', lastModified = 1_700_000_000_000) {
  return new File([new Uint8Array(size)], name, { type: 'video/mp4', lastModified });
}

/** A server whose progress stream the test writes to and whose last chunk waits for `release`. */
function liveServer({ holdChunk = null } = {}) {
  const server = fakeServer();
  const streams = [];
  server.fetch.other = async (url, init) => {
    if ((init.method ?? 'GET') === 'DELETE') {
      server.state.calls.push({ method: 'DELETE', path: new URL(url, 'http://t').pathname, headers: init.headers, keepalive: init.keepalive });
      return new Response(null, { status: 204 });
    }
    let c;
    const body = new ReadableStream({ start: (ctl) => { c = ctl; } });
    streams.push({ url, push: (t) => c.enqueue(enc.encode(t)) });
    return new Response(body, { status: 200 });
  };
  let release;
  const held = new Promise((r) => { release = r; });
  const fetch = async (url, init = {}) => {
    if (holdChunk != null && url.endsWith('/api/upload-chunk') && init.body.get('chunk_index') === String(holdChunk)) await held;
    return server.fetch(url, init);
  };
  return { server, streams, fetch, release };
}

const chunkPosts = (server) => server.state.calls.filter((c) => c.path === '/api/upload-chunk').map((c) => c.chunkIndex);

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('App', () => {
  it('shows the analysis and its preview while the upload is still running; Cancel is its own control', async () => {
    const live = liveServer({ holdChunk: 2 });
    vi.stubGlobal('fetch', live.fetch);
    render(<App />);
    fireEvent.change(screen.getByTestId('file-input'), { target: { files: [video(3 * MB)] } });
    const analyze = screen.getByRole('button', { name: 'Analyze video' });
    fireEvent.click(analyze);
    fireEvent.click(analyze); // a second click changes nothing
    await waitFor(() => expect(live.streams).toHaveLength(1));
    expect(live.streams[0].url).toMatch(/\/api\/stream-progress\//);
    await act(async () => {
      live.streams[0].push('event: progress\ndata: {"frame_index":12,"total_frames":80,"percent":15,"preview":"QUJD"}\n\n');
    });
    await waitFor(() => expect(screen.getByTestId('preview')).toBeTruthy());
    expect(screen.getByTestId('upload-progress').textContent).toMatch(/2\.0 MB of 3\.0 MB/);
    expect(screen.getByTestId('processing-progress').textContent).toMatch(/Frame 13 of 80/);
    expect(analyze.disabled).toBe(true);
    expect(chunkPosts(live.server)).toEqual([0, 1]); // chunk 2 is still on its way
    expect(JSON.parse(localStorage.getItem('tracker.pending-upload'))).toMatchObject({ name: 'walk.mp4', size: 3 * MB });

    fireEvent.click(screen.getByTestId('cancel'));
    await waitFor(() => expect(screen.getByTestId('cancelled')).toBeTruthy());
    const del = live.server.state.calls.find((c) => c.method === 'DELETE');
    expect(del).toMatchObject({ keepalive: true });
    expect(del.headers['X-Session-Token']).toBeTruthy();
    expect(localStorage.getItem('tracker.pending-upload')).toBeNull();
    live.release();
  });

  it('after a reload, offers to continue and continues from what the server holds', async () => {
    const live = liveServer();
    // What the page before the reload left: the server holds chunks 0 and 1 of 3 under this token.
    const token = 'abcdefghijklmnopqrstuvwxyz0123';
    live.server.state.sessions.set('before-reload', {
      total: 3,
      chunks: new Map([[0, new Uint8Array(MB)], [1, new Uint8Array(MB)]]),
      settings: {},
    });
    localStorage.setItem(
      'tracker.pending-upload',
      JSON.stringify({ sessionId: 'before-reload', token, name: 'walk.mp4', size: 3 * MB - 5, lastModified: 1_700_000_000_000, settings: { confidence: 0.5, previewInterval: 5, debug: false } }),
    );
    let sessionLookupToken = null;
    const fetch = async (url, init = {}) => {
      if (url.endsWith('/api/sessions/before-reload') && (init.method ?? 'GET') === 'GET') sessionLookupToken = init.headers['X-Session-Token'];
      return live.fetch(url, init);
    };
    vi.stubGlobal('fetch', fetch);
    render(<App />);
    const offer = screen.getByTestId('resume-offer');
    expect(offer.textContent).toMatch(/walk\.mp4/);

    fireEvent.change(screen.getByTestId('resume-input'), { target: { files: [video(3 * MB - 5, 'other.mp4')] } });
    expect(screen.getByTestId('resume-mismatch').textContent).toMatch(/other\.mp4/);
    expect(chunkPosts(live.server)).toEqual([]);

    fireEvent.change(screen.getByTestId('resume-input'), { target: { files: [video(3 * MB - 5)] } });
    await waitFor(() => expect(chunkPosts(live.server)).toEqual([2]));
    expect(sessionLookupToken).toBe(token);
    await waitFor(() => expect(live.streams).toHaveLength(1));
    await act(async () => {
      live.streams[0].push('event: complete\ndata: {"total_frames":80,"fps":25,"download_url":"/r.mp4","expires_in_s":600}\n\n');
    });
    await waitFor(() => expect(screen.getByTestId('result')).toBeTruthy());
    expect(screen.getByRole('link', { name: 'Download video (MP4)' }).getAttribute('download')).toBe('walk-tracked.mp4');
    expect(screen.getByTestId('expiry').textContent).toMatch(/keeps these results for about (10 min 00|9 min 5\d) s more/);
    expect(localStorage.getItem('tracker.pending-upload')).toBeNull();
  });
});
