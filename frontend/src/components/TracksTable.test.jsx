// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import TracksTable from './TracksTable.jsx';

afterEach(cleanup);

const track = (id, label, first, last) => ({
  track_id: id,
  label,
  first_frame: first * 25,
  last_frame: last * 25,
  first_time: first,
  last_time: last,
  duration_seconds: last - first,
  path_length_px: 10,
});

const summary = {
  tracks_per_class: { aeroplane: 1, person: 3 },
  tracks: [track(1, 'person', 0, 12), track(2, 'person', 65, 70.5), track(3, 'person', 5, 5.04), track(4, 'aeroplane', 3, 3.2)],
};

describe('TracksTable', () => {
  it('counts persons first, without one-frame flickers unless asked, with mm:ss times', () => {
    render(<TracksTable summary={summary} />);
    expect(screen.getByTestId('unique-people').textContent).toBe('2 different people tracked (1 shorter than 0.50 s not counted).');
    const rows = screen.getAllByTestId('track-row');
    expect(rows.map((r) => within(r).getAllByRole('cell')[1].textContent)).toEqual(['0:00 – 0:12', '1:05 – 1:10']);
    fireEvent.click(screen.getByTestId('show-short'));
    expect(screen.getByTestId('unique-people').textContent).toBe('3 different people tracked.');
    fireEvent.change(screen.getByTestId('class-filter'), { target: { value: 'aeroplane' } });
    expect(screen.getAllByTestId('track-row')).toHaveLength(1);
  });

  it('seeks the video to a track when its row is chosen, by click or by keyboard', () => {
    const seeks = [];
    render(<TracksTable summary={summary} onSeek={(t) => seeks.push(t)} />);
    const [, second] = screen.getAllByTestId('track-row');
    fireEvent.click(second);
    fireEvent.keyDown(second, { key: 'Enter' });
    expect(seeks).toEqual([65, 65]);
  });
});
