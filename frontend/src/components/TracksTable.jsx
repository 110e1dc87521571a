import { useId, useState } from 'react';
import { formatClock, formatDuration, formatNumber } from '../lib/format.js';

// A track seen for less than this is usually a detector flicker, not an object that crossed the scene.
export const DEFAULT_MIN_SECONDS = 0.5;

/** Class labels with person first, then by number of tracks. */
export function classOrder(perClass) {
  return Object.entries(perClass ?? {})
    .sort(([a, n], [b, m]) => (a === 'person' ? -1 : b === 'person' ? 1 : m - n || a.localeCompare(b)))
    .map(([label]) => label);
}

/** The tracks that count: of the chosen class ('' = all), and long enough unless short ones are asked for. */
export function visibleTracks(tracks, { label, minSeconds, showShort }) {
  return tracks.filter((t) => (!label || t.label === label) && (showShort || (t.duration_seconds ?? 0) >= minSeconds));
}

/**
 * The tracker's answer: how many different objects of a class crossed the scene, and each track's span. A row
 * (click or Enter) seeks the video to the track's first appearance.
 */
export default function TracksTable({ summary, onSeek }) {
  const tracks = Array.isArray(summary?.tracks) ? summary.tracks : [];
  const classes = classOrder(summary?.tracks_per_class);
  const [label, setLabel] = useState(classes[0] ?? '');
  const [minSeconds, setMinSeconds] = useState(DEFAULT_MIN_SECONDS);
  const [showShort, setShowShort] = useState(false);
  const id = useId();
  const shown = visibleTracks(tracks, { label, minSeconds, showShort });
  const hidden = visibleTracks(tracks, { label, minSeconds, showShort: true }).length - shown.length;
  const noun = label === 'person' ? (shown.length === 1 ? 'person' : 'people') : `${label || 'object'} track${shown.length === 1 ? '' : 's'}`;

  return (
    <section className="summary" aria-labelledby="tracks-heading" data-testid="tracks">
      <h3 id="tracks-heading">Tracks</h3>
      <div className="tracks__filters">
        <label htmlFor={`${id}-class`}>
          Class
          <select id={`${id}-class`} value={label} onChange={(e) => setLabel(e.target.value)} data-testid="class-filter">
            {classes.map((c) => (
              <option key={c} value={c}>
                {c} ({summary.tracks_per_class[c]})
              </option>
            ))}
            <option value="">all classes</option>
          </select>
        </label>
        <label htmlFor={`${id}-min`}>
          Hide tracks shorter than
          <input
            id={`${id}-min`}
            type="number"
            min="0"
            step="0.5"
            value={minSeconds}
            onChange={(e) => setMinSeconds(Math.max(0, Number(e.target.value) || 0))}
          />
          s
        </label>
        <label>
          <input type="checkbox" checked={showShort} onChange={(e) => setShowShort(e.target.checked)} data-testid="show-short" />
          show them too
        </label>
      </div>
      <p className="tracks__people" data-testid="unique-people">
        <strong>{shown.length}</strong> different {noun} tracked
        {hidden > 0 && ` (${hidden} shorter than ${formatNumber(minSeconds)} s not counted)`}.
      </p>
      {shown.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">One row per track; choose a row to play the video from there</caption>
            <thead>
              <tr>
                <th scope="col">Track</th>
                <th scope="col">Class</th>
                <th scope="col">From – to</th>
                <th scope="col">Seen for</th>
                <th scope="col">Path (px)</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((t) => {
                const seek = () => onSeek?.(t.first_time ?? 0);
                return (
                  <tr
                    key={t.track_id}
                    className={onSeek ? 'track-row' : undefined}
                    tabIndex={onSeek ? 0 : undefined}
                    onClick={seek}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        seek();
                      }
                    }}
                    data-testid="track-row"
                  >
                    <th scope="row">#{t.track_id}</th>
                    <td>{t.label}</td>
                    <td>
                      {formatClock(t.first_time)} – {formatClock(t.last_time)}
                    </td>
                    <td>{formatDuration(t.duration_seconds)}</td>
                    <td>{formatNumber(Math.round(t.path_length_px))}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
