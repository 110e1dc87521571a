import { useRef } from 'react';
import { useNow } from '../hooks/useNow.js';
import { fileStem, formatDuration, formatNumber } from '../lib/format.js';
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

/**
 * How long the server keeps the result: it deletes a session nobody asked for during its idle timeout, so the
 * count starts at `complete` and each download or seek restarts it on the server (the page cannot see those).
 */
function Expiry({ expiresAt }) {
  const now = useNow(expiresAt != null, 1000);
  if (expiresAt == null) return null;
  const left = (expiresAt - now) / 1000;
  return (
    <p className="expiry" data-testid="expiry">
      {left > 0
        ? `The server keeps these results for about ${formatDuration(left)} more (longer while you use them). Download what you need.`
        : 'The server may have deleted these results by now; if a download fails, analyse the video again.'}
    </p>
  );
}

/** The annotated video, downloads (named after the source video), tracks, summary and chart. */
export default function ResultView({ result, sourceName, expiresAt }) {
  const videoUrl = result.download_url;
  const detectionsUrl = result.detections_url;
  const stem = fileStem(sourceName);
  const videoRef = useRef(null);
  const seek = (seconds) => {
    const v = videoRef.current;
    if (!v) return;
    v.currentTime = Math.max(0, seconds);
    v.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
    v.focus({ preventScroll: true });
  };
  return (
    <section className="result" aria-labelledby="result-heading" data-testid="result">
      <h2 id="result-heading" tabIndex={-1}>
        Result
      </h2>
      {videoUrl ? (
        <video ref={videoRef} className="player" controls preload="metadata" playsInline src={videoUrl} data-testid="player">
          <a href={videoUrl}>Download the annotated video</a>
        </video>
      ) : (
        <p>The server did not return a video.</p>
      )}
      <div className="downloads">
        {videoUrl && (
          <a className="button" href={videoUrl} download={`${stem}-tracked.mp4`}>
            Download video (MP4)
          </a>
        )}
        {detectionsUrl && (
          <a className="button button--secondary" href={detectionsUrl} download={`${stem}-detections.json`}>
            Download detections (JSON)
          </a>
        )}
        {result.tracks_csv_url && (
          <a className="button button--secondary" href={result.tracks_csv_url} download={`${stem}-tracks.csv`}>
            Tracks (CSV)
          </a>
        )}
        {result.tracks_mot_url && (
          <a className="button button--secondary" href={result.tracks_mot_url} download={`${stem}-tracks.mot.txt`}>
            Tracks (MOT)
          </a>
        )}
      </div>
      <Expiry expiresAt={expiresAt} />
      <Facts result={result} />
      {result.track_summary && <TracksTable summary={result.track_summary} onSeek={videoUrl ? seek : undefined} />}
      <PersonsChart url={detectionsUrl} seriesUrl={result.series_url} onSeek={videoUrl ? seek : undefined} />
      <SummaryTable summary={result.detection_summary} />
    </section>
  );
}
