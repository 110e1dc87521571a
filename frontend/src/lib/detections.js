// Turns the per-frame detections JSON into the "persons per frame" series the chart draws.

function isPerson(det) {
  const cls = det?.class ?? det?.label ?? det?.class_name ?? det?.name;
  return typeof cls === 'string' && cls.toLowerCase() === 'person';
}

/**
 * `{"frames":[{index, timestamp, detections:[{class,...}]}]}` → `{points:[{index, t, count}], max, mean, hasTime}`.
 * Frames without a timestamp fall back to their index (hasTime false), so the x axis says "frame".
 */
export function personsSeries(json) {
  const frames = Array.isArray(json?.frames) ? json.frames : Array.isArray(json) ? json : [];
  let hasTime = frames.length > 0;
  const points = frames.map((f, i) => {
    const index = Number.isFinite(f?.index) ? f.index : i;
    const t = Number.isFinite(f?.timestamp) ? f.timestamp : null;
    if (t === null) hasTime = false;
    const dets = Array.isArray(f?.detections) ? f.detections : [];
    return { index, t, count: dets.filter(isPerson).length };
  });
  for (const p of points) p.x = hasTime ? p.t : p.index;
  points.sort((a, b) => a.x - b.x);
  const max = points.reduce((m, p) => Math.max(m, p.count), 0);
  const mean = points.length ? points.reduce((s, p) => s + p.count, 0) / points.length : 0;
  return { points, max, mean, hasTime };
}

/**
 * Reduces a long series to at most `buckets` points, keeping each bucket's maximum so short peaks
 * stay visible at chart resolution.
 */
export function downsample(points, buckets) {
  if (points.length <= buckets) return points;
  const out = [];
  const size = points.length / buckets;
  for (let b = 0; b < buckets; b++) {
    const slice = points.slice(Math.floor(b * size), Math.floor((b + 1) * size));
    if (slice.length === 0) continue;
    out.push(slice.reduce((best, p) => (p.count > best.count ? p : best), slice[0]));
  }
  return out;
}

/**
 * The server's series.json (`{"frames", "bucket_frames", "points":[{index, t, persons, classes}]}`, at most
 * ~1000 points, each a bucket's maximum) as the same shape personsSeries gives, without downloading the boxes.
 */
export function seriesFromServer(json) {
  const raw = Array.isArray(json?.points) ? json.points : [];
  const points = raw.map((p) => ({ index: p.index, t: p.t, count: Number(p.persons) || 0, x: p.t }));
  const hasTime = points.length > 0 && points.every((p) => Number.isFinite(p.t));
  if (!hasTime) for (const p of points) p.x = p.index;
  const max = points.reduce((m, p) => Math.max(m, p.count), 0);
  const mean = points.length ? points.reduce((s, p) => s + p.count, 0) / points.length : 0;
  return { points, max, mean, hasTime };
}
