import { useEffect, useId, useRef, useState } from 'react';
import { downsample, personsSeries, seriesFromServer } from '../lib/detections.js';
import { formatNumber } from '../lib/format.js';

const H = 220;
const PAD = { left: 36, right: 12, top: 12, bottom: 34 };

function ticks(max, count) {
  if (max <= 0) return [0];
  const step = Math.max(1, Math.ceil(max / count));
  const out = [];
  for (let v = 0; v <= max; v += step) out.push(v);
  return out;
}

/** Width of the element in CSS pixels, kept up to date, so chart text stays readable at any width. */
function useWidth(ref, fallback) {
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return undefined;
    const ro = new ResizeObserver(([entry]) => setWidth(Math.max(240, Math.round(entry.contentRect.width))));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}

/** Step line of persons per frame over time, drawn as plain SVG from the series. A click seeks to that time. */
export function Chart({ series, onSeek }) {
  const boxRef = useRef(null);
  const W = useWidth(boxRef, 640);
  const titleId = useId();
  const descId = useId();
  const { points, max, mean, hasTime } = series;
  const x0 = points[0]?.x ?? 0;
  const x1 = points.at(-1)?.x ?? 1;
  const span = x1 - x0 || 1;
  const yMax = Math.max(1, max);
  const px = (x) => PAD.left + ((x - x0) / span) * (W - PAD.left - PAD.right);
  const py = (y) => H - PAD.bottom - (y / yMax) * (H - PAD.top - PAD.bottom);
  const shown = downsample(points, W - PAD.left - PAD.right);
  const d = shown
    .map((p, i) => (i === 0 ? `M${px(p.x)},${py(p.count)}` : `H${px(p.x)}V${py(p.count)}`))
    .join('');
  const unit = hasTime ? 's' : '';
  const peak = points.find((p) => p.count === max);
  const xTicks = [x0, x0 + span / 2, x1];
  const yTicks = ticks(yMax, 4);
  if (yTicks.at(-1) !== max && max > 0) yTicks.push(max); // always label the peak

  return (
    <div ref={boxRef} className="chart-box">
      <svg
        className="chart"
        width={W}
        height={H}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        data-testid="persons-chart"
        preserveAspectRatio="xMidYMid meet"
        onClick={
          onSeek && hasTime
            ? (e) => {
                const box = e.currentTarget.getBoundingClientRect();
                const fraction = (e.clientX - box.left - PAD.left) / (box.width - PAD.left - PAD.right);
                onSeek(x0 + Math.min(1, Math.max(0, fraction)) * span);
              }
            : undefined
        }
      >
        <title id={titleId}>Persons per frame</title>
        <desc id={descId}>
          {`${points.length} frames; at most ${max} persons${peak ? ` (first at ${hasTime ? `${formatNumber(peak.x)} s` : `frame ${peak.x}`})` : ''}; ${formatNumber(mean)} on average.`}
        </desc>
        {yTicks.map((v) => (
          <g key={`y${v}`} className="chart__grid">
            <line x1={PAD.left} x2={W - PAD.right} y1={py(v)} y2={py(v)} />
            <text x={PAD.left - 6} y={py(v)} dy="0.32em" textAnchor="end">
              {v}
            </text>
          </g>
        ))}
        {xTicks.map((v, i) => (
          <text key={`x${i}`} className="chart__axis" x={px(v)} y={H - PAD.bottom + 16} textAnchor={['start', 'middle', 'end'][i]}>
            {hasTime ? `${formatNumber(v, 1)} ${unit}` : formatNumber(v, 0)}
          </text>
        ))}
        <text className="chart__axis" x={(W + PAD.left) / 2} y={H - 4} textAnchor="middle">
          {hasTime ? 'time (s)' : 'frame'}
        </text>
        {points.length > 0 && <path className="chart__line" d={d} />}
      </svg>
    </div>
  );
}

const defaultFetch = (...a) => globalThis.fetch(...a);

/**
 * Loads the chart's series and draws it: series.json (a few KB) when the server offers it, else the whole
 * detections JSON (megabytes for a long video) as before.
 */
export default function PersonsChart({ url, seriesUrl, onSeek, fetch = defaultFetch }) {
  const [state, setState] = useState({ status: 'loading' });
  useEffect(() => {
    const source = seriesUrl ?? url;
    if (!source) {
      setState({ status: 'none' });
      return undefined;
    }
    const controller = new AbortController();
    setState({ status: 'loading' });
    fetch(source, { signal: controller.signal, headers: { Accept: 'application/json' } })
      .then((res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return res.json();
      })
      .then((json) => setState({ status: 'ok', series: seriesUrl ? seriesFromServer(json) : personsSeries(json) }))
      .catch((e) => {
        if (!controller.signal.aborted) setState({ status: 'error', message: e.message });
      });
    return () => controller.abort();
  }, [url, seriesUrl, fetch]);

  if (state.status === 'none') return null;
  return (
    <figure className="chart-figure">
      <figcaption>Persons per frame</figcaption>
      {state.status === 'loading' && <p>Loading detections…</p>}
      {state.status === 'error' && <p>The detections could not be loaded ({state.message}).</p>}
      {state.status === 'ok' &&
        (state.series.points.length ? <Chart series={state.series} onSeek={onSeek} /> : <p>The detections list no frames.</p>)}
    </figure>
  );
}
