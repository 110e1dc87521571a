// Server-sent events over a fetch() Response body. EventSource cannot POST (analyze-stream and
// analyze-assembled are POSTs) and gives no status code to decide on the fallback, so we parse the
// text/event-stream format ourselves, following the WHATWG rules for lines and fields.

import { TrackerError, analysisError, timeoutError } from './errors.js';

/**
 * Incremental text/event-stream parser. Feed it decoded text in pieces of any size; it returns the
 * events completed by each piece. Lines end in CRLF, LF or CR (a CRLF may be split across pieces).
 */
export class SseParser {
  #buffer = '';
  #data = [];
  #event = '';
  #pendingCR = false;
  #started = false;
  lastEventId = '';
  retry = null;

  push(text) {
    const out = [];
    if (this.#pendingCR && text.startsWith('\n')) text = text.slice(1);
    if (text.length > 0) this.#pendingCR = false;
    if (!this.#started && text.length > 0) {
      this.#started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    // The kept buffer holds no line terminator, so only the new text needs scanning.
    const re = /\r\n|\r|\n/g;
    re.lastIndex = this.#buffer.length;
    this.#buffer += text;
    let start = 0;
    let m;
    while ((m = re.exec(this.#buffer)) !== null) {
      if (m[0] === '\r' && re.lastIndex === this.#buffer.length) this.#pendingCR = true;
      this.#line(this.#buffer.slice(start, m.index), out);
      start = re.lastIndex;
    }
    this.#buffer = this.#buffer.slice(start);
    return out;
  }

  /**
   * End of stream. The standard drops an event that is not closed by a blank line; we dispatch it
   * instead, so a terminal event whose blank line was lost with the connection is still seen.
   */
  end() {
    const out = [];
    if (this.#buffer.length > 0) {
      this.#line(this.#buffer, out);
      this.#buffer = '';
    }
    this.#dispatch(out);
    return out;
  }

  #line(line, out) {
    if (line === '') {
      this.#dispatch(out);
      return;
    }
    if (line.startsWith(':')) return; // comment, often used as a heartbeat
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.#event = value;
        break;
      case 'data':
        this.#data.push(value);
        break;
      case 'id':
        if (!value.includes('\u0000')) this.lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
      default:
        break; // unknown fields are ignored
    }
  }

  #dispatch(out) {
    // Unlike EventSource we also report a named event with no data (e.g. a bare `event: keepalive`).
    if (this.#data.length > 0 || this.#event !== '') {
      out.push({ event: this.#event || 'message', data: this.#data.join('\n'), id: this.lastEventId });
    }
    this.#data = [];
    this.#event = '';
  }
}

function readWithIdleTimeout(reader, idleTimeoutMs) {
  if (!idleTimeoutMs) return reader.read();
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(timeoutError(Math.round(idleTimeoutMs / 1000))), idleTimeoutMs);
  });
  return Promise.race([reader.read(), timeout]).finally(() => clearTimeout(timer));
}

/**
 * Async iterator of `{event, data, id}` from a Response whose body is an event stream.
 * Throws a TrackerError of kind 'timeout' when nothing (not even a keepalive) arrives for idleTimeoutMs.
 * Leaving the loop early cancels the body, which closes the connection.
 */
export async function* readSse(response, { idleTimeoutMs = 0 } = {}) {
  if (!response.body) throw new TrackerError('stream-ended', 'The server sent no progress stream.', { retryable: true });
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  try {
    for (;;) {
      const { value, done } = await readWithIdleTimeout(reader, idleTimeoutMs);
      if (done) break;
      yield* parser.push(decoder.decode(value, { stream: true }));
    }
    yield* parser.push(decoder.decode());
    yield* parser.end();
  } finally {
    reader.cancel().catch(() => {});
  }
}

/** JSON data of an event; {} for empty data, `{raw}` for data that is not JSON. */
export function eventJson(ev) {
  if (!ev.data) return {};
  try {
    const v = JSON.parse(ev.data);
    return v !== null && typeof v === 'object' ? v : { value: v };
  } catch {
    return { raw: ev.data };
  }
}

/**
 * Follows an analysis event stream to its terminal event.
 * `progress` events go to onProgress, and `queued` ones as `{queued: {...}}`; resolves with the `complete` data; an `error` event rejects with
 * the server's detail; a stream that ends without a terminal event rejects with a retryable error
 * (the server keeps the session, so the caller may reconnect).
 */
export async function followAnalysis(response, { onProgress = () => {}, onEvent = () => {}, idleTimeoutMs = 0 } = {}) {
  for await (const ev of readSse(response, { idleTimeoutMs })) {
    onEvent(ev);
    switch (ev.event) {
      case 'progress':
        onProgress(eventJson(ev));
        break;
      case 'queued':
        // Waiting for an analysis place: {position, sessions_ahead, estimated_wait_s}; the next progress ends it.
        onProgress({ queued: eventJson(ev) });
        break;
      case 'complete':
        return eventJson(ev);
      case 'error': {
        // Final: the server has ended the session; the detail becomes a sentence a person understands.
        const data = eventJson(ev);
        throw analysisError(data.detail ?? data.raw ?? '');
      }
      default:
        break; // keepalive and anything unknown only prove the connection is alive
    }
  }
  throw new TrackerError('stream-ended', 'The connection to the server closed before the analysis finished.', {
    retryable: true,
  });
}
