import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, normalizeSettings } from './SettingsForm.jsx';

describe('normalizeSettings', () => {
  it('keeps valid values', () => {
    expect(normalizeSettings(DEFAULT_SETTINGS)).toEqual({ confidence: 0.35, previewInterval: 10, debug: false, mode: 'realtime' });
  });

  it('bounds, rounds and defaults what the person typed', () => {
    expect(normalizeSettings({ confidence: '', previewInterval: 2000.4, debug: 1 })).toEqual({
      confidence: 0.35,
      previewInterval: 1000,
      debug: true,
      mode: 'realtime',
    });
    expect(normalizeSettings({ confidence: 3, previewInterval: 0, debug: false })).toMatchObject({ confidence: 0.95, previewInterval: 1 });
    expect(normalizeSettings({ confidence: 'abc', previewInterval: 7.6 })).toMatchObject({ confidence: 0.35, previewInterval: 8 });
  });

  it('keeps a known mode and replaces an unknown one by the default', () => {
    expect(normalizeSettings({ ...DEFAULT_SETTINGS, mode: 'accurate' }).mode).toBe('accurate');
    expect(normalizeSettings({ ...DEFAULT_SETTINGS, mode: 'turbo' }).mode).toBe('realtime');
  });
});
