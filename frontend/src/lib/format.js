// Human-readable numbers for the progress and result views.

export function formatBytes(n) {
  if (!Number.isFinite(n) || n < 0) return '–';
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${units[u]}`;
}

export function formatRate(bytesPerSecond) {
  if (!Number.isFinite(bytesPerSecond) || bytesPerSecond <= 0) return '–';
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** Seconds as "45 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(seconds) {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export function formatNumber(v, digits = 2) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return String(v ?? '–');
  return Number.isInteger(v) ? String(v) : v.toFixed(digits);
}

/** "frames_with_person" → "Frames with person". */
export function humanize(key) {
  const s = String(key).replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').trim().toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A progress event's preview as an <img> src; accepts bare base64 or a complete data URL. */
export function previewSrc(preview) {
  if (typeof preview !== 'string' || preview.length === 0) return null;
  return preview.startsWith('data:') ? preview : `data:image/jpeg;base64,${preview}`;
}

/** Seconds as a clock: "0:07", "12:34", "1:02:03". */
export function formatClock(seconds) {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.floor(seconds);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/** A file-name stem from the source video: "My walk.MOV" → "My walk"; what a file system refuses becomes "_". */
export function fileStem(name) {
  if (typeof name !== 'string' || name.trim() === '') return 'tracker';
  const dot = name.lastIndexOf('.');
  const stem = (dot > 0 ? name.slice(0, dot) : name).replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim();
  return stem || 'tracker';
}
