import { useId } from 'react';

export const DEFAULT_SETTINGS = { confidence: 0.35, previewInterval: 10, debug: false };

function clamp(v, min, max, fallback) {
  const n = Number(v);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

/** Upload settings sent with the first chunk. */
export default function SettingsForm({ settings, onChange, disabled }) {
  const id = useId();
  const set = (patch) => onChange({ ...settings, ...patch });
  return (
    <fieldset className="settings" disabled={disabled}>
      <legend>Settings</legend>
      <div className="field">
        <label htmlFor={`${id}-conf`}>Detection confidence</label>
        <input
          id={`${id}-conf`}
          type="number"
          inputMode="decimal"
          min="0.05"
          max="0.95"
          step="0.05"
          value={settings.confidence}
          aria-describedby={`${id}-conf-help`}
          onChange={(e) => set({ confidence: e.target.value === '' ? '' : Number(e.target.value) })}
          onBlur={(e) => set({ confidence: clamp(e.target.value, 0.05, 0.95, DEFAULT_SETTINGS.confidence) })}
        />
        <small id={`${id}-conf-help`}>0.05–0.95; lower finds more, with more mistakes.</small>
      </div>
      <div className="field">
        <label htmlFor={`${id}-prev`}>Preview every N frames</label>
        <input
          id={`${id}-prev`}
          type="number"
          inputMode="numeric"
          min="1"
          max="1000"
          step="1"
          value={settings.previewInterval}
          onChange={(e) => set({ previewInterval: e.target.value === '' ? '' : Number(e.target.value) })}
          onBlur={(e) =>
            set({ previewInterval: Math.round(clamp(e.target.value, 1, 1000, DEFAULT_SETTINGS.previewInterval)) })
          }
        />
      </div>
      <div className="field field--check">
        <input
          id={`${id}-debug`}
          type="checkbox"
          checked={settings.debug}
          onChange={(e) => set({ debug: e.target.checked })}
        />
        <label htmlFor={`${id}-debug`}>Debug overlays</label>
      </div>
    </fieldset>
  );
}

/** Settings as sent: out-of-range or half-typed values replaced by their clamped or default value. */
export function normalizeSettings(s) {
  return {
    confidence: clamp(s.confidence === '' ? NaN : s.confidence, 0.05, 0.95, DEFAULT_SETTINGS.confidence),
    previewInterval: Math.round(clamp(s.previewInterval === '' ? NaN : s.previewInterval, 1, 1000, DEFAULT_SETTINGS.previewInterval)),
    debug: Boolean(s.debug),
  };
}
