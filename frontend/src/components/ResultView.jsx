import { formatDuration, formatNumber } from '../lib/format.js';
import PersonsChart from './PersonsChart.jsx';
import SummaryTable from './SummaryTable.jsx';
import TracksTable from './TracksTable.jsx';

function Facts({ result }) {
  const rows = [
    ['Duration', result.duration != null ? formatDuration(result.duration) : null],
    ['Resolution', result.width && result.height ? `${result.width} × ${result.height}` : null],
    ['Frames', result.total_frames],
    ['Frame rate', result.fps != null ? `${formatNumber(result.fps)} fps` : null],
    ['Processing time', result.processing_seconds != null ? formatDuration(result.processing_seconds) : null],
  ].filter(([, v]) => v != null);
  if (rows.length === 0) return null;
  return (
    <dl className="facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The annotated video, downloads, summary and chart. */
export default function ResultView({ result }) {
  const videoUrl = result.download_url;
  const detectionsUrl = result.detections_url;
  return (
    <section className="result" aria-labelledby="result-heading" data-testid="result">
      <h2 id="result-heading" tabIndex={-1}>
        Result
      </h2>
      {videoUrl ? (
        <video className="player" controls preload="metadata" playsInline src={videoUrl} data-testid="player">
          <a href={videoUrl}>Download the annotated video</a>
        </video>
      ) : (
        <p>The server did not return a video.</p>
      )}
      <div className="downloads">
        {videoUrl && (
          <a className="button" href={videoUrl} download>
            Download video (MP4)
          </a>
        )}
        {detectionsUrl && (
          <a className="button button--secondary" href={detectionsUrl} download>
            Download detections (JSON)
          </a>
        )}
        {result.tracks_csv_url && (
          <a className="button button--secondary" href={result.tracks_csv_url} download>
            Tracks (CSV)
          </a>
        )}
        {result.tracks_mot_url && (
          <a className="button button--secondary" href={result.tracks_mot_url} download>
            Tracks (MOT)
          </a>
        )}
      </div>
      <Facts result={result} />
      {result.track_summary && <TracksTable summary={result.track_summary} />}
      <SummaryTable summary={result.detection_summary} />
      <PersonsChart url={detectionsUrl} />
    </section>
  );
}
