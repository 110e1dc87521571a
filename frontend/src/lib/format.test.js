import { describe, expect, it } from 'vitest';
import { personsSeries, downsample } from './detections.js';
import { detailText, extensionOf, httpError, plainReason, readDetail, retryAfterMs, validateVideoFile } from './errors.js';
import { formatBytes, formatDuration, formatRate, humanize, previewSrc } from './format.js';

describe('format', () => {
  it('formats bytes, rates and durations', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
    expect(formatRate(0)).toBe('–');
    expect(formatRate(2048)).toBe('2.0 KB/s');
    expect(formatDuration(null)).toBe('–');
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
  });

  it('turns keys into labels and previews into data URLs', () => {
    expect(humanize('frames_with_person')).toBe('Frames with person');
    expect(humanize('maxSimultaneous')).toBe('Max simultaneous');
    expect(previewSrc('/9j/4AAQ')).toBe('data:image/jpeg;base64,/9j/4AAQ');
    expect(previewSrc('data:image/png;base64,xx')).toBe('data:image/png;base64,xx');
    expect(previewSrc(null)).toBeNull();
  });
});

describe('errors', () => {
  it('checks the extension case-insensitively', () => {
    expect(extensionOf('a.b.MKV')).toBe('.mkv');
    expect(extensionOf('.hidden')).toBe('');
    expect(validateVideoFile(new File(['x'], 'x.WebM'))).toBe('.webm');
    expect(() => validateVideoFile(new File(['x'], 'x.txt'))).toThrow(/not a supported video/);
    expect(() => validateVideoFile(null)).toThrow(/Choose a video/);
  });

  it('reads any shape of detail', async () => {
    expect(detailText([{ msg: 'field required' }, 'bad'])).toBe('field required; bad');
    expect(detailText({ code: 1 })).toBe('{"code":1}');
    expect(await readDetail(new Response('{"detail":"too big"}', { status: 413 }))).toBe('too big');
    expect(await readDetail(new Response('<html><body><h1>Bad gateway</h1></body></html>', { status: 502 }))).toBe('Bad gateway');
    expect(await readDetail(new Response('plain words', { status: 500 }))).toBe('plain words');
  });

  it('marks only transient statuses as retryable', () => {
    expect(httpError(503, '').retryable).toBe(true);
    expect(httpError(429, '').retryable).toBe(true);
    expect(httpError(413, '').retryable).toBe(false);
    expect(httpError(409, 'chunk 1 was already received with different bytes').retryable).toBe(false);
    expect(httpError(418, 'teapot').message).toBe('The request was refused (HTTP 418).');
    expect(httpError(404, '', 'The upload')).toMatchObject({ retryable: false, message: expect.stringMatching(/does not offer it/) });
    expect(httpError(404, '', 'The upload', { session: true })).toMatchObject({ retryable: false, next: 'start-over' });
  });

  it('turns the server\'s internals into a sentence and a next step', () => {
    expect(plainReason('the video lasts 20000 s; this service accepts up to 14400 s')).toMatchObject({
      message: 'This video is longer than the 4 h this server accepts. Choose a shorter one.',
      next: 'choose-file',
    });
    expect(plainReason('the file has no video stream').message).toMatch(/isn't a video Tracker can read/);
    expect(plainReason('the video is 9000x9000; this service accepts up to 7680x4320').message).toMatch(/7680x4320/);
    expect(plainReason('something else')).toBeNull();
    expect(retryAfterMs('10')).toBe(10_000);
    expect(retryAfterMs(new Date(61_000).toUTCString(), 1_000)).toBe(60_000);
    expect(retryAfterMs(null)).toBeNull();
  });
});

describe('personsSeries', () => {
  const json = {
    frames: [
      { index: 1, timestamp: 0.04, detections: [{ class: 'person' }, { class: 'person' }, { class: 'car' }], poses: [] },
      { index: 0, timestamp: 0, detections: [{ class: 'Person' }] },
      { index: 2, timestamp: 0.08 },
    ],
  };

  it('counts persons per frame, sorted by time', () => {
    const s = personsSeries(json);
    expect(s.points.map((p) => [p.x, p.count])).toEqual([[0, 1], [0.04, 2], [0.08, 0]]);
    expect(s.max).toBe(2);
    expect(s.mean).toBe(1);
    expect(s.hasTime).toBe(true);
  });

  it('falls back to frame numbers and survives junk', () => {
    expect(personsSeries({ frames: [{ detections: [{ class: 'person' }] }] }).hasTime).toBe(false);
    expect(personsSeries(null).points).toEqual([]);
  });

  it('downsamples keeping peaks', () => {
    const pts = Array.from({ length: 1000 }, (_, i) => ({ x: i, count: i === 501 ? 9 : 1 }));
    const d = downsample(pts, 100);
    expect(d).toHaveLength(100);
    expect(Math.max(...d.map((p) => p.count))).toBe(9);
  });
});
