import { describe, expect, it, vi } from 'vitest';
import { TrackerError } from './errors.js';
import { fakeServer } from './testing/fakeServer.js';
import { chunkCount, uploadChunks } from './upload.js';

const CHUNK = 1000;

function makeFile(size, name = 'clip.mp4') {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + 7) % 251;
  return { file: new File([bytes], name, { type: 'video/mp4' }), bytes };
}

/** Runs uploadChunks against a fake server with instant, recorded sleeps. */
async function run(server, overrides = {}) {
  const sleeps = [];
  const { file } = overrides.file ? overrides : makeFile(3500);
  const result = await uploadChunks({
    file,
    sessionId: 's1',
    ext: '.mp4',
    settings: { confidence: 0.35, debug: false, previewInterval: 10 },
    fetch: server.fetch,
    chunkSize: CHUNK,
    timeoutMs: 1000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  });
  return { result, sleeps };
}

const chunkPosts = (server) => server.state.calls.filter((c) => c.path === '/api/upload-chunk').map((c) => c.chunkIndex);
const sessionGets = (server) => server.state.calls.filter((c) => c.method === 'GET').length;

describe('chunkCount', () => {
  it('rounds up and never returns 0', () => {
    expect(chunkCount(3500, 1000)).toBe(4);
    expect(chunkCount(3000, 1000)).toBe(3);
    expect(chunkCount(0, 1000)).toBe(1);
  });
});

describe('uploadChunks', () => {
  it('sends every chunk once, in order, with the fields the server expects', async () => {
    const server = fakeServer();
    const { file, bytes } = makeFile(3500);
    const { result } = await run(server, { file });
    expect(result).toEqual({ sessionId: 's1', totalChunks: 4 });
    expect(chunkPosts(server)).toEqual([0, 1, 2, 3]);
    expect(sessionGets(server)).toBe(0);
    const [first, second] = server.state.calls;
    expect(first.fields).toEqual({
      session_id: 's1',
      chunk_index: '0',
      total_chunks: '4',
      ext: '.mp4',
      confidence: '0.35',
      debug: 'false',
      preview_interval: '10',
    });
    expect(second.fields).toEqual({ session_id: 's1', chunk_index: '1', total_chunks: '4', ext: '.mp4' });
    expect(server.assembled('s1')).toEqual(bytes);
  });

  it('retries a failed chunk with exponential backoff, asking the server first', async () => {
    const server = fakeServer({ plan: ({ index, attempt }) => (index === 1 && attempt <= 3 ? 'network' : 'ok') });
    const { sleeps } = await run(server, { backoff: (n) => 100 * 2 ** (n - 1) });
    expect(sleeps).toEqual([100, 200, 400]);
    expect(chunkPosts(server)).toEqual([0, 1, 1, 1, 1, 2, 3]);
    expect(sessionGets(server)).toBe(3);
  });

  it('uses the default backoff 500, 1000, 2000, … ms', async () => {
    const server = fakeServer({ plan: ({ index, attempt }) => (index === 0 && attempt <= 4 ? 502 : 'ok') });
    const { sleeps } = await run(server);
    expect(sleeps).toEqual([500, 1000, 2000, 4000]);
  });

  it('resets the retry count after a success', async () => {
    const server = fakeServer({ plan: ({ attempt }) => (attempt <= 2 ? 'network' : 'ok') });
    const { sleeps } = await run(server, { maxRetries: 2, backoff: (n) => n });
    expect(sleeps).toEqual([1, 2, 1, 2, 1, 2, 1, 2]);
  });

  it('does not resend a chunk the server got when only the answer was lost', async () => {
    const server = fakeServer({ plan: ({ index, attempt }) => (index === 2 && attempt === 1 ? 'lost' : 'ok') });
    const { file, bytes } = makeFile(3500);
    await run(server, { file });
    expect(chunkPosts(server)).toEqual([0, 1, 2, 3]);
    expect(server.assembled('s1')).toEqual(bytes);
  });

  it('starts over from chunk 0 (with the settings) when the server no longer knows the session', async () => {
    const server = fakeServer({
      plan: ({ index, attempt }) => {
        if (index === 2 && attempt === 1) {
          server.state.sessions.delete('s1'); // e.g. reaped while the network was down
          return 'network';
        }
        return 'ok';
      },
    });
    const { file, bytes } = makeFile(3500);
    await run(server, { file });
    expect(chunkPosts(server)).toEqual([0, 1, 2, 0, 1, 2, 3]);
    const restart = server.state.calls.filter((c) => c.chunkIndex === 0)[1];
    expect(restart.fields.confidence).toBe('0.35');
    expect(server.assembled('s1')).toEqual(bytes);
  });

  it('keeps its own record when the session lookup itself fails', async () => {
    const server = fakeServer({
      plan: ({ index, attempt }) => (index === 1 && attempt === 1 ? 'network' : 'ok'),
      sessionPlan: () => 'network',
    });
    await run(server);
    expect(chunkPosts(server)).toEqual([0, 1, 1, 2, 3]);
  });

  it('resumes from the server state when asked to (retry of a failed upload)', async () => {
    const server = fakeServer();
    const { file, bytes } = makeFile(3500);
    await run(server, { file });
    server.state.sessions.get('s1').chunks.delete(3);
    server.state.sessions.get('s1').chunks.delete(1);
    server.state.calls.length = 0;
    await run(server, { file, resume: true });
    expect(sessionGets(server)).toBe(1);
    expect(chunkPosts(server)).toEqual([1, 3]);
    expect(server.assembled('s1')).toEqual(bytes);
  });

  it('aborts a chunk that takes longer than the timeout and retries it', async () => {
    const server = fakeServer({ plan: ({ index, attempt }) => (index === 1 && attempt === 1 ? 'hang' : 'ok') });
    const reasons = [];
    await run(server, {
      timeoutMs: 30,
      onProgress: (p) => p.retry && reasons.push(p.retry.reason),
    });
    expect(chunkPosts(server)).toEqual([0, 1, 1, 2, 3]);
    expect(server.state.aborted).toContain('/api/upload-chunk');
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/did not answer within/);
  });

  it('gives up after maxRetries with a readable, retryable error', async () => {
    const server = fakeServer({ plan: ({ index }) => (index === 2 ? 'network' : 'ok') });
    const err = await run(server, { maxRetries: 3 }).catch((e) => e);
    expect(err).toBeInstanceOf(TrackerError);
    expect(err.kind).toBe('network');
    expect(err.retryable).toBe(true);
    expect(err.message).toMatch(/Could not reach the server.*gave up after 4 attempts at part 3 of 4/);
    expect(chunkPosts(server).filter((i) => i === 2)).toHaveLength(4);
  });

  it.each([
    [413, 'too-large', /larger than this server accepts/, 'choose-file'],
    [415, 'unsupported', /does not accept this kind of file/, 'choose-file'],
    [400, 'rejected', /refused this upload/, 'start-over'],
    [404, 'not-found', /no longer has this upload/, 'start-over'],
  ])('fails at once on HTTP %i with a plain message and a next step', async (status, kind, text, next) => {
    const server = fakeServer({ plan: ({ index }) => (index === 0 ? status : 'ok') });
    const err = await run(server).catch((e) => e);
    expect(err).toMatchObject({ kind, status, retryable: false, next });
    expect(err.message).toMatch(text);
    expect(err.detail).toBe(`status ${status} for chunk 0`); // kept for the details, not shown as the sentence
    expect(chunkPosts(server)).toEqual([0]);
    expect(sessionGets(server)).toBe(0);
  });

  it('stops at once, with a plain sentence, when the server has ended the session (a text file named .mp4)', async () => {
    const server = fakeServer({ plan: ({ index }) => (index === 2 ? 'ended' : 'ok') });
    server.fetch.ended =
      'the session has ended (not a supported video (MP4, MOV, AVI, WebM or MKV): Invalid data found when processing input); start a new one';
    const reports = [];
    const err = await run(server, { onProgress: (p) => reports.push(p) }).catch((e) => e);
    expect(err).toMatchObject({ kind: 'invalid-video', status: 409, retryable: false, next: 'choose-file' });
    expect(err.message).toBe("This file isn't a video Tracker can read. Choose another video file.");
    expect(chunkPosts(server)).toEqual([0, 1, 2]);
    expect(reports.some((p) => p.retry)).toBe(false);
  });

  it('waits the Retry-After of a busy server without counting it as a failure', async () => {
    const server = fakeServer({ plan: ({ index, attempt }) => (index === 0 && attempt <= 7 ? 'busy' : 'ok') });
    const retries = [];
    const { sleeps } = await run(server, { maxRetries: 2, onProgress: (p) => p.retry && retries.push(p.retry) });
    expect(sleeps).toEqual(Array(7).fill(7000));
    expect(retries[0]).toMatchObject({ busy: true, delayMs: 7000 });
    expect(chunkPosts(server)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3]);
  });

  it('waits for the browser to be online again instead of spending attempts', async () => {
    let online = true;
    let wake;
    const network = { isOnline: () => online, waitOnline: () => new Promise((r) => { wake = r; }) };
    const server = fakeServer({
      plan: ({ index, attempt }) => {
        if (index === 1 && attempt <= 8) {
          online = false;
          return 'network';
        }
        return 'ok';
      },
    });
    const retries = [];
    const pending = run(server, { maxRetries: 1, network, onProgress: (p) => p.retry && retries.push(p.retry) });
    for (let i = 0; i < 8; i++) {
      await vi.waitFor(() => expect(wake).toBeTypeOf('function'));
      expect(retries.at(-1)).toMatchObject({ offline: true });
      const w = wake;
      wake = null;
      online = true;
      w();
    }
    await pending;
    expect(chunkPosts(server).filter((i) => i === 1)).toHaveLength(9);
  });

  it('treats a 409 as a duplicate when the server already holds the chunk', async () => {
    const server = fakeServer({
      plan: ({ index, attempt }) => {
        if (index === 1 && attempt === 1) {
          // the first attempt got through but its answer reads as a conflict
          server.state.sessions.get('s1').chunks.set(1, new Uint8Array(0));
          return 409;
        }
        return 'ok';
      },
    });
    await run(server);
    expect(chunkPosts(server)).toEqual([0, 1, 2, 3]);
  });

  it('stops at once when cancelled during the backoff wait', async () => {
    const server = fakeServer({ plan: () => 'network' });
    const controller = new AbortController();
    const err = await run(server, {
      signal: controller.signal,
      sleep: undefined, // the real, abortable sleep
      backoff: () => 10_000,
      onProgress: (p) => p.retry && controller.abort(),
    }).catch((e) => e);
    expect(err).toMatchObject({ kind: 'cancelled' });
    expect(chunkPosts(server)).toEqual([0]);
  });

  it('aborts the request in flight when cancelled', async () => {
    const server = fakeServer({ plan: ({ index }) => (index === 1 ? 'hang' : 'ok') });
    const controller = new AbortController();
    const pending = run(server, { signal: controller.signal, timeoutMs: 60_000 });
    await vi.waitFor(() => expect(chunkPosts(server)).toEqual([0, 1]));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
    expect(server.state.aborted).toContain('/api/upload-chunk');
  });

  it('reports bytes, rate and ETA', async () => {
    const server = fakeServer();
    let clock = 0;
    const reports = [];
    await run(server, {
      now: () => clock,
      onProgress: (p) => {
        reports.push(p);
        clock += 1000; // every chunk takes one second
      },
    });
    expect(reports.map((p) => p.uploadedBytes)).toEqual([0, 1000, 2000, 3000, 3500]);
    expect(reports.at(-1)).toMatchObject({ totalBytes: 3500, chunksDone: 4, totalChunks: 4, eta: 0 });
    expect(reports[0].eta).toBeNull();
    expect(reports[2].rate).toBeCloseTo(1000); // 2000 bytes in 2 s
    expect(reports[2].eta).toBeCloseTo(1.5);
  });
});
