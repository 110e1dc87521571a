// A stand-in for the Quarkus backend, for working on the UI and the browser test without it:
// serves frontend/dist and fakes the HTTP contract (/api/upload-chunk, /api/sessions/{id},
// /api/stream-progress/{id}, /api/analyze-assembled/{id}, /api/analyze-stream, DELETE session) with
// canned progress events. It never analyses anything. Node built-ins only.
//
//   npm run build && node e2e/mock-backend.mjs [port]      then   node e2e/browser.mjs http://localhost:PORT

import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist');
const PREVIEW = readFileSync(join(here, 'fixtures', 'preview.jpg')).toString('base64');
const ALLOWED = new Set(['.mp4', '.mov', '.avi', '.webm', '.mkv']);
const FRAMES = 60;
const sessions = new Map(); // id -> {total, chunks: Map, settings, ext}
const results = new Map(); // id -> Buffer (the "annotated" video: the upload itself)

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };

function sendJson(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readBody(req) {
  const parts = [];
  for await (const p of req) parts.push(p);
  return Buffer.concat(parts);
}

async function formOf(req) {
  const body = await readBody(req);
  return new Request('http://mock/', { method: 'POST', headers: { 'content-type': req.headers['content-type'] }, body }).formData();
}

/** True when the bytes start like a container a browser can play (enough for a mock). */
function looksLikeVideo(buf) {
  return buf.subarray(4, 8).toString('latin1') === 'ftyp' || buf.subarray(0, 4).toString('latin1') === 'RIFF' || buf.readUInt32BE(0) === 0x1a45dfa3;
}

function sse(res) {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  return (event, data) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** Streams canned progress for `video`, then complete (or error when it is not a video). */
function streamAnalysis(res, id, video) {
  const send = sse(res);
  if (!looksLikeVideo(video)) {
    send('error', { detail: 'Could not decode the video: no known container format found.' });
    res.end();
    return;
  }
  results.set(id, video);
  let frame = 0;
  send('keepalive', {});
  const timer = setInterval(() => {
    if (res.destroyed) return clearInterval(timer);
    const known = frame >= FRAMES / 3;
    send('progress', {
      frame_index: frame,
      total_frames: known ? FRAMES : null,
      percent: known ? (100 * frame) / FRAMES : null,
      preview: frame % 10 === 0 ? PREVIEW : null,
    });
    frame += 2;
    if (frame >= FRAMES) {
      clearInterval(timer);
      send('complete', {
        fps: 10,
        duration: 20,
        width: 768,
        height: 576,
        total_frames: FRAMES,
        processing_seconds: 3.2,
        detection_summary: {
          classes: { person: { frames: 58, max_simultaneous: 4 }, handbag: { frames: 3, max_simultaneous: 1 } },
          frames_with_person: 58,
          mean_persons_per_frame: 2.4,
          total_frames: FRAMES,
        },
        download_url: `/api/mock/video/${id}`,
        detections_url: `/api/mock/detections/${id}`,
      });
      res.end();
    }
  }, 100);
}

function serveVideo(req, res, buf) {
  const range = /bytes=(\d*)-(\d*)/.exec(req.headers.range ?? '');
  if (!range) {
    res.writeHead(200, { 'Content-Type': 'video/mp4', 'Content-Length': buf.length, 'Accept-Ranges': 'bytes' });
    return res.end(buf);
  }
  const start = range[1] ? Number(range[1]) : buf.length - Number(range[2]);
  const end = range[1] && range[2] ? Math.min(Number(range[2]), buf.length - 1) : buf.length - 1;
  res.writeHead(206, {
    'Content-Type': 'video/mp4',
    'Content-Length': end - start + 1,
    'Content-Range': `bytes ${start}-${end}/${buf.length}`,
    'Accept-Ranges': 'bytes',
  });
  res.end(buf.subarray(start, end + 1));
}

function detections() {
  return {
    frames: Array.from({ length: FRAMES }, (_, i) => ({
      index: i,
      timestamp: i / 10,
      detections: Array.from({ length: 1 + Math.round(2 + 2 * Math.sin(i / 6)) }, () => ({ class: 'person', score: 0.9, box: [0, 0, 10, 10] })),
      poses: [],
    })),
  };
}

function serveStatic(req, res) {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  const isFile = (f) => {
    try {
      return statSync(f).isFile();
    } catch {
      return false;
    }
  };
  let file = join(dist, path);
  if (!isFile(file)) file = join(dist, 'index.html'); // SPA fallback
  if (!isFile(file)) return sendJson(res, 500, { detail: 'frontend/dist is missing: run npm run build first' });
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  const p = url.pathname;
  let m;
  try {
    if (req.method === 'POST' && p === '/api/upload-chunk') {
      const form = await formOf(req);
      const id = form.get('session_id');
      const index = Number(form.get('chunk_index'));
      const total = Number(form.get('total_chunks'));
      const ext = String(form.get('ext') ?? '').toLowerCase();
      if (!id || !Number.isInteger(index) || !Number.isInteger(total) || index < 0 || index >= total) {
        return sendJson(res, 400, { detail: 'Bad chunk fields' });
      }
      if (!ALLOWED.has(ext)) return sendJson(res, 415, { detail: `Extension ${ext} not allowed` });
      if (!sessions.has(id)) {
        if (index !== 0) return sendJson(res, 404, { detail: 'Unknown session' });
        sessions.set(id, { total, chunks: new Map(), ext });
      }
      const s = sessions.get(id);
      s.chunks.set(index, Buffer.from(await form.get('file').arrayBuffer()));
      return sendJson(res, 200, {
        streaming: true,
        session_id: id,
        chunk_index: index,
        received_chunks: s.chunks.size,
        total_chunks: s.total,
        complete: s.chunks.size === s.total,
      });
    }
    if ((m = /^\/api\/sessions\/([^/]+)$/.exec(p))) {
      const s = sessions.get(m[1]);
      if (req.method === 'DELETE') {
        sessions.delete(m[1]);
        res.writeHead(s ? 204 : 404);
        return res.end();
      }
      if (!s) return sendJson(res, 404, { detail: 'Unknown session' });
      return sendJson(res, 200, {
        session_id: m[1],
        state: s.chunks.size === s.total ? 'complete' : 'receiving',
        total_chunks: s.total,
        chunk_size: 1024 * 1024,
        received_chunks: [...s.chunks.keys()].sort((a, b) => a - b),
        received_bytes: [...s.chunks.values()].reduce((n, b) => n + b.length, 0),
      });
    }
    if ((m = /^\/api\/(stream-progress|analyze-assembled)\/([^/]+)$/.exec(p))) {
      const s = sessions.get(m[2]);
      if (!s) return sendJson(res, 404, { detail: 'Unknown session' });
      const video = Buffer.concat([...s.chunks.entries()].sort((a, b) => a[0] - b[0]).map(([, b]) => b));
      return streamAnalysis(res, m[2], video);
    }
    if (req.method === 'POST' && p === '/api/analyze-stream') {
      const form = await formOf(req);
      const file = form.get('file');
      const ext = extname(file.name ?? '').toLowerCase();
      if (!ALLOWED.has(ext)) return sendJson(res, 415, { detail: `Extension ${ext} not allowed` });
      return streamAnalysis(res, `small-${Date.now()}`, Buffer.from(await file.arrayBuffer()));
    }
    if ((m = /^\/api\/mock\/video\/([^/]+)$/.exec(p)) && results.has(m[1])) return serveVideo(req, res, results.get(m[1]));
    if (/^\/api\/mock\/detections\//.test(p)) return sendJson(res, 200, detections());
    if (p.startsWith('/api/') || p.startsWith('/q/')) return sendJson(res, 404, { detail: 'Not found' });
    return serveStatic(req, res);
  } catch (e) {
    sendJson(res, 500, { detail: String(e) });
  }
});

const port = Number(process.argv[2] ?? 8099);
server.listen(port, '127.0.0.1', () => console.log(`mock backend on http://127.0.0.1:${port}`));
