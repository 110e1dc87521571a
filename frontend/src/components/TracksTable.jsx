import { formatDuration, formatNumber } from '../lib/format.js';

/**
 * The tracker's answer: how many different people crossed the scene, and each track's span and path.
 * Tracks are sorted by id (the order they were confirmed in).
 */
export default function TracksTable({ summary }) {
  const tracks = Array.isArray(summary?.tracks) ? summary.tracks : [];
  const perClass = summary?.tracks_per_class ?? {};
  const people = perClass.person ?? 0;
  return (
    <section className="summary" aria-labelledby="tracks-heading" data-testid="tracks">
      <h3 id="tracks-heading">Tracks</h3>
      <p className="tracks__people" data-testid="unique-people">
        <strong>{people}</strong> different {people === 1 ? 'person' : 'people'} tracked
        {Object.keys(perClass).length > 1 &&
          `; other tracks: ${Object.entries(perClass)
            .filter(([label]) => label !== 'person')
            .map(([label, n]) => `${label} ${n}`)
            .join(', ')}`}
        .
      </p>
      {tracks.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">One row per track</caption>
            <thead>
              <tr>
                <th scope="col">Track</th>
                <th scope="col">Class</th>
                <th scope="col">Frames</th>
                <th scope="col">Seen for</th>
                <th scope="col">Path (px)</th>
              </tr>
            </thead>
            <tbody>
              {tracks.map((t) => (
                <tr key={t.track_id}>
                  <th scope="row">#{t.track_id}</th>
                  <td>{t.label}</td>
                  <td>
                    {t.first_frame + 1}–{t.last_frame + 1}
                  </td>
                  <td>{formatDuration(t.duration_seconds)}</td>
                  <td>{formatNumber(Math.round(t.path_length_px))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
