import { useId } from 'react';

// realtime is pre-selected: waiting for the analysis is what people notice most, and on a machine with time to
// spare realtime runs every model on every frame anyway (it only thins out what it cannot keep up with).
export const DEFAULT_SETTINGS = { confidence: 0.35, previewInterval: 10, debug: false, mode: 'realtime' };

export const MODES = [
  { value: 'realtime', label: 'Realtime', help: 'Keeps up with the video; skips models where it must, tracks in between.' },
  { value: 'balanced', label: 'Balanced', help: 'Detects and poses every 2nd frame; about half the work.' },
  { value: 'accurate', label: 'Accurate', help: 'Every model on every frame; slowest.' },
];

// The range and rounding of each numeric setting; used by the inputs and by normalizeSettings.
const LIMITS = {
  confidence: { min: 0.05, max: 0.95, step: 0.05, integer: false },
  previewInterval: { min: 1, max: 1000, step: 1, integer: true },
};

/** A typed value inside its limits; '' or garbage becomes the default. */
function bounded(key, value) {
  const { min, max, integer } = LIMITS[key];
  const n = value === '' ? NaN : Number(value);
  if (!Number.isFinite(n)) return DEFAULT_SETTINGS[key];
  const v = Math.min(max, Math.max(min, n));
  return integer ? Math.round(v) : v;
}

/** A labelled number input that lets the person type freely and settles the value on blur. */
function NumberField({ name, label, help, value, onChange }) {
  const id = useId();
  const { min, max, step, integer } = LIMITS[name];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode={integer ? 'numeric' : 'decimal'}
        min={min}
        max={max}
        step={step}
        value={value}
        aria-describedby={help ? `${id}-help` : undefined}
        onChange={(e) => onChange(e.target.value === '' ? '' : Number(e.target.value))}
        onBlur={(e) => onChange(bounded(name, e.target.value))}
      />
      {help && <small id={`${id}-help`}>{help}</small>}
    </div>
  );
}

/** Upload settings sent with the first chunk. */
export default function SettingsForm({ settings, onChange, disabled }) {
  const id = useId();
  const set = (patch) => onChange({ ...settings, ...patch });
  return (
    <fieldset className="settings" disabled={disabled}>
      <legend>Settings</legend>
      <NumberField
        name="confidence"
        label="Detection confidence"
        help="0.05–0.95; lower finds more, with more mistakes."
        value={settings.confidence}
        onChange={(confidence) => set({ confidence })}
      />
      <NumberField
        name="previewInterval"
        label="Preview every N frames"
        value={settings.previewInterval}
        onChange={(previewInterval) => set({ previewInterval })}
      />
      <div className="field">
        <label htmlFor={`${id}-mode`}>Analysis mode</label>
        <select id={`${id}-mode`} value={settings.mode} aria-describedby={`${id}-mode-help`}
          onChange={(e) => set({ mode: e.target.value })}>
          {MODES.map((m) => <option key={m.value} value={m.value}>{m.label}</option>)}
        </select>
        <small id={`${id}-mode-help`}>{MODES.find((m) => m.value === settings.mode)?.help}</small>
      </div>
      <div className="field field--check">
        <input id={`${id}-debug`} type="checkbox" checked={settings.debug} onChange={(e) => set({ debug: e.target.checked })} />
        <label htmlFor={`${id}-debug`}>Debug overlays</label>
      </div>
    </fieldset>
  );
}

/** Settings as sent: out-of-range or half-typed values replaced by their bounded or default value. */
export function normalizeSettings(s) {
  return {
    confidence: bounded('confidence', s.confidence),
    previewInterval: bounded('previewInterval', s.previewInterval),
    debug: Boolean(s.debug),
    mode: MODES.some((m) => m.value === s.mode) ? s.mode : DEFAULT_SETTINGS.mode,
  };
}
