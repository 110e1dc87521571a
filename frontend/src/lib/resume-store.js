// What a reload needs to continue an upload: the session id and its token (the capability: without it the
// server will not answer for the session), the file's identity (a browser cannot keep the File itself across
// a reload, so the person picks it again and we check it is the same one) and the settings chunk 0 carried.
// Kept in localStorage, so closing the tab and coming back within the server's idle timeout works as well.

const KEY = 'tracker.pending-upload';

export function saveUpload({ sessionId, token, file, settings }, storage = globalThis.localStorage) {
  try {
    storage?.setItem(
      KEY,
      JSON.stringify({ sessionId, token, name: file.name, size: file.size, lastModified: file.lastModified, settings, savedAt: Date.now() }),
    );
  } catch {
    // storage full or disabled (private mode): the upload works, it just cannot be continued after a reload
  }
}

export function loadUpload(storage = globalThis.localStorage) {
  try {
    const v = JSON.parse(storage?.getItem(KEY) ?? 'null');
    return v && typeof v.sessionId === 'string' && typeof v.token === 'string' ? v : null;
  } catch {
    return null;
  }
}

export function clearUpload(storage = globalThis.localStorage) {
  try {
    storage?.removeItem(KEY);
  } catch {
    // nothing to clear
  }
}

/** Why `file` is not the one the pending upload was made from, or null when it is. */
export function fileMismatch(pending, file) {
  if (file.name !== pending.name) return `You picked “${file.name}”; the upload was “${pending.name}”.`;
  if (file.size !== pending.size || (pending.lastModified && file.lastModified !== pending.lastModified)) {
    return `“${file.name}” has changed since the upload started. Pick the same file, or start again.`;
  }
  return null;
}
