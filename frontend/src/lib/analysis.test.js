import { describe, expect, it, vi } from 'vitest';
import { analyzeVideo, cancelSession, followSession, newSessionId } from './analysis.js';
import { fakeServer } from './testing/fakeServer.js';

const enc = new TextEncoder();

function sse(text, status = 200) {
  const body = new ReadableStream({
    start(c) {
      c.enqueue(enc.encode(text));
      c.close();
    },
  });
  return new Response(body, { status, headers: { 'Content-Type': 'text/event-stream' } });
}

const COMPLETE = 'event: complete\ndata: {"fps":25,"download_url":"/api/download/x.mp4","detections_url":"/api/d/x.json"}\n\n';
const PROGRESS = 'event: progress\ndata: {"frame_index":10,"total_frames":null,"percent":null,"preview":"abc"}\n\n';

function file(size, name = 'walk.mp4') {
  return new File([new Uint8Array(size)], name);
}

const noSleep = async () => {};

describe('analyzeVideo', () => {
  it('rejects a file with a wrong extension before sending anything', async () => {
    let calls = 0;
    const fetch = async () => {
      calls++;
    };
    await expect(analyzeVideo({ file: file(10, 'notes.txt'), fetch })).rejects.toMatchObject({
      kind: 'invalid-file',
      message: expect.stringMatching(/notes\.txt.*not a supported video.*\.mp4/),
    });
    await expect(analyzeVideo({ file: file(0, 'empty.mp4'), fetch })).rejects.toMatchObject({ kind: 'invalid-file' });
    expect(calls).toBe(0);
  });

  it('sends a small file to analyze-stream in one request', async () => {
    const seen = [];
    const phases = [];
    const progress = [];
    const fetch = async (url, init) => {
      seen.push({ url, method: init.method, fields: Object.fromEntries([...init.body.entries()].filter(([, v]) => typeof v === 'string')) });
      return sse(PROGRESS + COMPLETE);
    };
    const { result, sessionId } = await analyzeVideo({
      file: file(1024 * 1024, 'small.MOV'),
      settings: { confidence: 0.5, debug: true, previewInterval: 5 },
      fetch,
      onPhase: (p) => phases.push(p),
      onProgress: (p) => progress.push(p),
    });
    expect(sessionId).toBeNull();
    expect(result.fps).toBe(25);
    expect(seen).toEqual([
      { url: '/api/analyze-stream', method: 'POST', fields: { confidence: '0.5', debug: 'true', preview_interval: '5' } },
    ]);
    expect(phases).toEqual(['uploading', 'processing']);
    expect(progress).toHaveLength(1);
  });

  it('maps an error answer of analyze-stream', async () => {
    const fetch = async () => new Response('{"detail":"Extension .txt not allowed"}', { status: 415 });
    await expect(analyzeVideo({ file: file(100), fetch })).rejects.toMatchObject({
      kind: 'unsupported',
      retryable: false,
      detail: 'Extension .txt not allowed',
    });
  });

  it('chunks files over 1 MB and follows stream-progress afterwards', async () => {
    const server = fakeServer();
    const order = [];
    server.fetch.other = async (url, init) => {
      order.push(`${init.method ?? 'GET'} ${url}`);
      return sse(PROGRESS + COMPLETE);
    };
    const sessions = [];
    const { sessionId, result } = await analyzeVideo({
      file: file(1024 * 1024 + 1),
      fetch: server.fetch,
      newId: () => 'abc',
      onSession: (id) => sessions.push(id),
    });
    expect(sessionId).toBe('abc');
    expect(sessions).toEqual(['abc']);
    expect(server.state.calls.map((c) => c.chunkIndex)).toEqual([0, 1]);
    expect(order).toEqual(['GET /api/stream-progress/abc']);
    expect(result.download_url).toBe('/api/download/x.mp4');
  });

  it('follows the analysis live from the first chunk, while the rest uploads', async () => {
    // A stream the test writes to, like the server's: progress now, complete once the upload is in.
    let push;
    const server = fakeServer();
    const log = [];
    server.fetch.other = async (url) => {
      log.push(`open ${new URL(url, 'http://t').pathname}`);
      const body = new ReadableStream({ start: (c) => { push = (t) => c.enqueue(enc.encode(t)); } });
      return new Response(body, { status: 200 });
    };
    const inner = server.fetch;
    let release;
    const lastChunkHeld = new Promise((r) => { release = r; });
    const fetch = async (url, init) => {
      if (url.endsWith('/api/upload-chunk') && init.body.get('chunk_index') === '2') {
        log.push('chunk 2 sent');
        await lastChunkHeld; // the last chunk is slow: the analysis must show meanwhile
      }
      return inner(url, init);
    };
    const phases = [];
    const pending = analyzeVideo({
      file: file(2 * 1024 * 1024 + 5),
      fetch,
      newId: () => 'live',
      onPhase: (p) => phases.push(p),
      onProgress: (p) => log.push(`progress ${p.frame_index}`),
    });
    await vi.waitFor(() => expect(push).toBeTypeOf('function'));
    push(PROGRESS);
    await vi.waitFor(() => expect(log).toContain('progress 10'));
    expect(phases).toEqual(['uploading']);
    expect(log.indexOf('open /api/stream-progress/live')).toBeLessThan(log.indexOf('progress 10'));
    release();
    await vi.waitFor(() => expect(phases).toEqual(['uploading', 'processing']));
    push(COMPLETE);
    const { result } = await pending;
    expect(result.fps).toBe(25);
    expect(log.filter((l) => l.startsWith('open'))).toHaveLength(1);
  });

  it('stops the upload at once on an SSE error: final, in plain words, no retry', async () => {
    const server = fakeServer();
    server.fetch.other = async () =>
      sse('event: error\ndata: {"detail":"not a supported video (MP4, MOV, AVI, WebM or MKV): Invalid data found when processing input"}\n\n');
    const inner = server.fetch;
    const fetch = async (url, init) => {
      // later chunks hang until the page gives up on them (they would get 409 "session has ended")
      if (url.endsWith('/api/upload-chunk') && init.body.get('chunk_index') !== '0') {
        return new Promise((_, reject) => init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
      }
      return inner(url, init);
    };
    const uploads = [];
    const err = await analyzeVideo({ file: file(3 * 1024 * 1024), fetch, newId: () => 'bad', onUpload: (u) => uploads.push(u) }).catch((e) => e);
    expect(err).toMatchObject({ kind: 'invalid-video', retryable: false, next: 'choose-file' });
    expect(err.message).toBe("This file isn't a video Tracker can read. Choose another video file.");
    expect(uploads.some((u) => u.retry)).toBe(false);
    expect(server.state.calls.filter((c) => c.path === '/api/upload-chunk').map((c) => c.chunkIndex)).toEqual([0]);
  });
});

describe('followSession', () => {
  it('falls back to analyze-assembled when stream-progress is not 200', async () => {
    const order = [];
    const fetch = async (url, init) => {
      order.push(`${init.method ?? 'GET'} ${url}`);
      if (url.includes('stream-progress')) return new Response('{"detail":"Unknown session"}', { status: 404 });
      return sse(COMPLETE);
    };
    const result = await followSession({ sessionId: 's', fetch, sleep: noSleep });
    expect(result.fps).toBe(25);
    expect(order).toEqual(['GET /api/stream-progress/s', 'POST /api/analyze-assembled/s']);
  });

  it('reports a failing fallback with its status', async () => {
    const fetch = async () => new Response('{"detail":"nothing assembled"}', { status: 404 });
    await expect(followSession({ sessionId: 's', fetch, sleep: noSleep })).rejects.toMatchObject({
      status: 404,
      retryable: false,
      detail: 'nothing assembled',
    });
  });

  it('reconnects to stream-progress when the stream drops before the terminal event, with Last-Event-ID', async () => {
    let n = 0;
    const progress = [];
    const sent = [];
    const fetch = async (url, init) => {
      sent.push(init.headers['Last-Event-ID']);
      return ++n === 1 ? sse(`id: 41\n${PROGRESS}`) : sse(PROGRESS + COMPLETE);
    };
    const result = await followSession({ sessionId: 's', fetch, sleep: noSleep, onProgress: (p) => progress.push(p) });
    expect(n).toBe(2);
    expect(sent).toEqual([undefined, '41']);
    expect(result.fps).toBe(25);
    expect(progress).toHaveLength(2);
  });

  it('reconnects after a network failure, then gives up with a readable error', async () => {
    let n = 0;
    const fetch = async () => {
      n++;
      throw new TypeError('Failed to fetch');
    };
    await expect(followSession({ sessionId: 's', fetch, sleep: noSleep, reconnects: 2 })).rejects.toMatchObject({
      kind: 'network',
      message: expect.stringContaining('Could not reach the server'),
    });
    expect(n).toBe(3);
  });

  it('does not reconnect after an error event', async () => {
    let n = 0;
    const fetch = async () => {
      n++;
      return sse('event: error\ndata: {"detail":"moov atom not found"}\n\n');
    };
    await expect(followSession({ sessionId: 's', fetch, sleep: noSleep })).rejects.toMatchObject({ kind: 'analysis' });
    expect(n).toBe(1);
  });
});

describe('cancelSession', () => {
  it('never throws, whatever the server says', async () => {
    expect(await cancelSession({ sessionId: 's', fetch: async () => new Response(null, { status: 204 }) })).toBe(true);
    expect(await cancelSession({ sessionId: 's', fetch: async () => new Response('', { status: 405 }) })).toBe(false);
    expect(
      await cancelSession({
        sessionId: 's',
        fetch: async () => {
          throw new TypeError('down');
        },
      }),
    ).toBe(false);
    expect(await cancelSession({ sessionId: null })).toBe(false);
  });
});

describe('newSessionId', () => {
  const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('uses crypto.randomUUID when there is one', () => {
    expect(newSessionId()).toMatch(UUID4);
  });

  it('builds a v4 UUID without randomUUID (plain http outside localhost)', () => {
    const ids = new Set();
    for (let i = 0; i < 50; i++) {
      const id = newSessionId({ getRandomValues: (a) => globalThis.crypto.getRandomValues(a) });
      expect(id).toMatch(UUID4);
      ids.add(id);
    }
    expect(ids.size).toBe(50);
  });
});
