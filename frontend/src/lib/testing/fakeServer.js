// An in-memory stand-in for the backend's upload endpoints, used as the injected fetch in unit tests.
// `plan(call)` decides, per upload-chunk request, what happens:
//   'ok'    store the chunk and answer 200
//   'lost'  store the chunk but fail the connection (the answer never arrives)
//   'network' fail before the server sees anything
//   'hang'  never answer (until the request is aborted)
//   a number: answer with that status and {"detail": "..."}
//   'busy'  503 with Retry-After: 7 (admission full)
//   'ended' 409 with fetch.ended as the detail (the session has ended on the server)

export function abortError() {
  return new DOMException('The operation was aborted.', 'AbortError');
}

function hangUntilAborted(signal) {
  return new Promise((_, reject) => {
    if (signal?.aborted) reject(abortError());
    signal?.addEventListener('abort', () => reject(abortError()), { once: true });
  });
}

function json(status, body, headers = {}) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export function fakeServer({ plan = () => 'ok', sessionPlan = () => 'ok' } = {}) {
  const state = {
    sessions: new Map(), // id -> {total, chunks: Map<index, Uint8Array>, settings}
    calls: [], // every request, in order: {method, path, chunkIndex?, fields?}
    aborted: [], // requests whose signal was aborted
  };

  async function handleChunk(form, signal) {
    const fields = {};
    for (const [k, v] of form.entries()) if (typeof v === 'string') fields[k] = v;
    const index = Number(fields.chunk_index);
    const call = { method: 'POST', path: '/api/upload-chunk', chunkIndex: index, fields };
    state.calls.push(call);
    const n = state.calls.filter((c) => c.path === '/api/upload-chunk' && c.chunkIndex === index).length;
    const decision = plan({ index, attempt: n, fields });
    if (decision === 'network') throw new TypeError('Failed to fetch');
    if (decision === 'hang') return hangUntilAborted(signal);
    if (typeof decision === 'number') return json(decision, { detail: `status ${decision} for chunk ${index}` });
    if (decision === 'busy') return json(503, { detail: 'the server is analysing 2 videos' }, { 'Retry-After': '7' });
    if (decision === 'ended') return json(409, { detail: fetch.ended });
    const id = fields.session_id;
    if (index === 0 && !state.sessions.has(id)) {
      state.sessions.set(id, { total: Number(fields.total_chunks), chunks: new Map(), settings: fields });
    }
    const session = state.sessions.get(id);
    if (!session) return json(404, { detail: 'Unknown session' });
    const blob = form.get('file');
    session.chunks.set(index, new Uint8Array(await blob.arrayBuffer()));
    if (decision === 'lost') throw new TypeError('network connection was lost');
    return json(200, {
      streaming: true,
      session_id: id,
      chunk_index: index,
      received_chunks: session.chunks.size,
      total_chunks: session.total,
      complete: session.chunks.size === session.total,
    });
  }

  function handleSession(id) {
    state.calls.push({ method: 'GET', path: `/api/sessions/${id}` });
    const decision = sessionPlan({ id });
    if (decision === 'network') throw new TypeError('Failed to fetch');
    if (typeof decision === 'number') return json(decision, { detail: 'nope' });
    const session = state.sessions.get(id);
    if (!session) return json(404, { detail: 'Unknown session' });
    return json(200, {
      session_id: id,
      state: 'receiving',
      total_chunks: session.total,
      received_chunks: [...session.chunks.keys()].sort((a, b) => a - b),
    });
  }

  async function fetch(url, init = {}) {
    const { signal } = init;
    signal?.addEventListener('abort', () => state.aborted.push(url), { once: true });
    if (signal?.aborted) throw abortError();
    const path = new URL(url, 'http://test').pathname;
    const method = init.method ?? 'GET';
    if (method === 'POST' && path === '/api/upload-chunk') return handleChunk(init.body, signal);
    const m = path.match(/^\/api\/sessions\/([^/]+)$/);
    if (method === 'GET' && m) return handleSession(decodeURIComponent(m[1]));
    if (fetch.other) return fetch.other(url, init, state);
    throw new Error(`unexpected request ${method} ${path}`);
  }

  /** The file as the server would assemble it. */
  function assembled(id) {
    const s = state.sessions.get(id);
    const parts = [...s.chunks.entries()].sort((a, b) => a[0] - b[0]).map(([, b]) => b);
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }

  return { fetch, state, assembled };
}
