import { describe, expect, it } from 'vitest';
import { SseParser, followAnalysis, readSse } from './sse.js';

const enc = new TextEncoder();

/** A streamed Response delivering exactly the given pieces (strings or byte arrays). */
function streamResponse(pieces, { error } = {}) {
  const body = new ReadableStream({
    start(controller) {
      for (const p of pieces) controller.enqueue(typeof p === 'string' ? enc.encode(p) : p);
      if (error) controller.error(error);
      else controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

async function collect(response, opts) {
  const out = [];
  for await (const ev of readSse(response, opts)) out.push(ev);
  return out;
}

/** Every way of cutting `text` in two must give the same events as the whole. */
function allSplits(text) {
  const whole = new SseParser();
  const expected = [...whole.push(text), ...whole.end()];
  for (let i = 0; i <= text.length; i++) {
    const p = new SseParser();
    const got = [...p.push(text.slice(0, i)), ...p.push(text.slice(i)), ...p.end()];
    expect(got, `split at ${i}`).toEqual(expected);
  }
  return expected;
}

describe('SseParser', () => {
  it('parses named events with JSON data', () => {
    const p = new SseParser();
    const evs = p.push('event: progress\ndata: {"frame_index":3}\n\n');
    expect(evs).toEqual([{ event: 'progress', data: '{"frame_index":3}', id: '' }]);
  });

  it('gives the same events wherever the stream is cut', () => {
    const text =
      'event: progress\r\ndata: {"a":1}\r\nid: 7\r\n\r\n: comment\r\nevent: keepalive\r\ndata: {}\r\n\r\nevent: complete\ndata: {"fps":25}\n\n';
    const evs = allSplits(text);
    expect(evs.map((e) => e.event)).toEqual(['progress', 'keepalive', 'complete']);
    expect(evs[0].id).toBe('7');
    expect(evs[2].id).toBe('7'); // the last event id carries over, as in EventSource
  });

  it('does not turn a CRLF split across pieces into an extra blank line', () => {
    const p = new SseParser();
    const evs = [...p.push('data: a\r'), ...p.push('\ndata: b\r'), ...p.push('\n\r'), ...p.push('\n')];
    expect(evs).toEqual([{ event: 'message', data: 'a\nb', id: '' }]);
  });

  it('accepts bare CR line endings', () => {
    const p = new SseParser();
    expect(p.push('event: x\rdata: 1\r\r')).toEqual([{ event: 'x', data: '1', id: '' }]);
  });

  it('joins multi-line data with newlines and keeps spaces after the first', () => {
    const p = new SseParser();
    const evs = p.push('data: first\ndata:second\ndata:  third\ndata\n\n');
    expect(evs[0].data).toBe('first\nsecond\n third\n');
  });

  it('reports a bare named event without data (keepalive) and ignores blank lines and comments alone', () => {
    const p = new SseParser();
    expect(p.push('\n\n: ping\n\nevent: keepalive\n\n')).toEqual([{ event: 'keepalive', data: '', id: '' }]);
  });

  it('ignores unknown fields, keeps retry, and rejects ids with NUL', () => {
    const p = new SseParser();
    const evs = p.push('id: 1\nfoo: bar\nretry: 3000\ndata: x\n\nid: a\u0000b\ndata: y\n\n');
    expect(evs.map((e) => e.id)).toEqual(['1', '1']);
    expect(p.retry).toBe(3000);
  });

  it('strips a leading byte order mark once', () => {
    const p = new SseParser();
    expect(p.push('\uFEFFdata: x\n\n')).toEqual([{ event: 'message', data: 'x', id: '' }]);
  });

  it('dispatches an event left open at end of stream', () => {
    const p = new SseParser();
    expect(p.push('event: complete\ndata: {"fps":30}')).toEqual([]);
    expect(p.end()).toEqual([{ event: 'complete', data: '{"fps":30}', id: '' }]);
  });
});

describe('readSse over a Response body', () => {
  it('handles events split across chunk boundaries, including inside a UTF-8 character', async () => {
    const bytes = enc.encode('event: error\ndata: {"detail":"caméra perdue"}\n\n');
    const cut = bytes.indexOf(0xc3) + 1; // between the two bytes of "é"
    const evs = await collect(streamResponse([bytes.slice(0, 5), bytes.slice(5, cut), bytes.slice(cut)]));
    expect(evs).toEqual([{ event: 'error', data: '{"detail":"caméra perdue"}', id: '' }]);
  });

  it('delivers a large multi-chunk data line (a preview) intact', async () => {
    const preview = 'A'.repeat(200_000);
    const text = `event: progress\ndata: {"frame_index":10,"preview":"${preview}"}\n\n`;
    const pieces = [];
    for (let i = 0; i < text.length; i += 4096) pieces.push(text.slice(i, i + 4096));
    const evs = await collect(streamResponse(pieces));
    expect(evs).toHaveLength(1);
    expect(JSON.parse(evs[0].data).preview).toHaveLength(200_000);
  });

  it('times out when nothing arrives', async () => {
    const body = new ReadableStream({ start() {} }); // never sends a byte
    const res = new Response(body, { status: 200 });
    await expect(collect(res, { idleTimeoutMs: 30 })).rejects.toMatchObject({ kind: 'timeout' });
  });
});

describe('followAnalysis', () => {
  it('reports progress, skips keepalives and resolves with the complete data', async () => {
    const progress = [];
    const res = streamResponse([
      'event: progress\ndata: {"frame_index":0,"total_frames":null,"percent":null,"preview":null}\n\n',
      'event: keepalive\ndata: {}\n\n',
      'event: keepalive\n\n',
      'event: progress\ndata: {"frame_index":10,"total_frames":20,"percent":50.0,"preview":"/9j/"}\n\n',
      'event: complete\ndata: {"fps":25,"download_url":"/d.mp4","detection_summary":{"total_frames":20}}\n\n',
      'event: progress\ndata: {"frame_index":99}\n\n', // nothing after the terminal event is read
    ]);
    const result = await followAnalysis(res, { onProgress: (p) => progress.push(p) });
    expect(result.download_url).toBe('/d.mp4');
    expect(progress.map((p) => p.frame_index)).toEqual([0, 10]);
    expect(progress[0].percent).toBeNull();
  });

  it('reports a wait for the analyser as {queued}, ended by the next progress', async () => {
    const progress = [];
    const res = streamResponse([
      'event: queued\ndata: {"position":3,"sessions_ahead":2,"estimated_wait_s":40}\n\n',
      'event: queued\ndata: {"position":1,"sessions_ahead":0,"estimated_wait_s":null}\n\n',
      'event: progress\ndata: {"frame_index":0,"total_frames":20,"percent":0}\n\n',
      'event: complete\ndata: {"fps":25}\n\n',
    ]);
    await followAnalysis(res, { onProgress: (p) => progress.push(p) });
    expect(progress.map((p) => p.queued?.sessions_ahead ?? null)).toEqual([2, 0, null]);
    expect(progress[0].queued.estimated_wait_s).toBe(40);
    expect(progress[2].frame_index).toBe(0);
  });

  it('rejects with the server detail on an error event', async () => {
    const res = streamResponse(['event: error\ndata: {"detail":"Could not decode the video"}\n\n']);
    await expect(followAnalysis(res)).rejects.toMatchObject({
      kind: 'analysis',
      message: expect.stringContaining('Could not decode the video'),
      retryable: false,
    });
  });

  it('rejects with a retryable error when the stream ends without a terminal event', async () => {
    const res = streamResponse(['event: progress\ndata: {"frame_index":1}\n\n']);
    await expect(followAnalysis(res)).rejects.toMatchObject({ kind: 'stream-ended', retryable: true });
  });

  it('propagates a broken connection as an error', async () => {
    const res = streamResponse(['event: progress\ndata: {"frame_index":1}\n\n'], { error: new TypeError('network') });
    await expect(followAnalysis(res)).rejects.toThrow('network');
  });
});
