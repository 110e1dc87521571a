import { describe, expect, it } from 'vitest';
import { sessionHeaders, sessionToken } from './session-token.js';

describe('session tokens', () => {
  it('are long random base64url strings the server accepts', () => {
    const token = sessionToken('a');
    expect(token).toMatch(/^[A-Za-z0-9_-]{22,128}$/);
    expect(sessionToken('b')).not.toEqual(token);
  });

  it('stay the same for a session, so retries and resumes keep access', () => {
    expect(sessionToken('c')).toEqual(sessionToken('c'));
    expect(sessionHeaders('c')).toEqual({ 'X-Session-Id': 'c', 'X-Session-Token': sessionToken('c') });
  });
});
