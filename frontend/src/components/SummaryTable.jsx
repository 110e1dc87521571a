import { formatNumber, humanize } from '../lib/format.js';

function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function cell(v) {
  if (isPlainObject(v) || Array.isArray(v)) return JSON.stringify(v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return formatNumber(v);
}

/**
 * detection_summary as tables: one row per class (columns from whatever keys the classes have), then the
 * remaining top-level values. Nothing about the shape is assumed beyond "an object".
 */
export default function SummaryTable({ summary }) {
  if (!isPlainObject(summary) || Object.keys(summary).length === 0) {
    return (
      <p className="summary" data-testid="summary">
        No detection summary was returned.
      </p>
    );
  }
  const classes = isPlainObject(summary.classes) ? summary.classes : null;
  const classColumns = classes
    ? [...new Set(Object.values(classes).flatMap((c) => (isPlainObject(c) ? Object.keys(c) : ['value'])))]
    : [];
  const rest = Object.entries(summary).filter(([k]) => !(k === 'classes' && classes));

  return (
    <div className="summary" data-testid="summary">
      {rest.length > 0 && (
        <table>
          <caption>Detection summary</caption>
          <tbody>
            {rest.map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{humanize(k)}</th>
                <td>{cell(v)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {classes && Object.keys(classes).length > 0 && (
        <table>
          <caption>Detected classes</caption>
          <thead>
            <tr>
              <th scope="col">Class</th>
              {classColumns.map((c) => (
                <th scope="col" key={c}>
                  {humanize(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Object.entries(classes).map(([name, stats]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                {classColumns.map((c) => (
                  <td key={c}>{cell(isPlainObject(stats) ? stats[c] : stats)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
