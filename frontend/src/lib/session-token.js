// The capability that goes with a session id: the server gives a session's video, progress and results only
// to requests that carry it. The browser chooses it (128+ random bits) and sends it from the first chunk on,
// so a lost answer to the first chunk cannot lock it out of its own session.

const tokens = new Map();

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The token of `sessionId`, made on first use and kept for the life of the page. */
export function sessionToken(sessionId, c = globalThis.crypto) {
  let token = tokens.get(sessionId);
  if (!token) {
    token = base64url(c.getRandomValues(new Uint8Array(24)));
    tokens.set(sessionId, token);
  }
  return token;
}

/** Headers that route (X-Session-Id, for an ingress hashing on it) and authorise a request for the session. */
export function sessionHeaders(sessionId) {
  return { 'X-Session-Id': sessionId, 'X-Session-Token': sessionToken(sessionId) };
}

/** Takes back the token of a session started before a reload (kept with the resume record). */
export function adoptToken(sessionId, token) {
  if (typeof token === 'string' && token.length >= 22) tokens.set(sessionId, token);
}
