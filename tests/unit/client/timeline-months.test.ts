// The timeline's month axis: gaps filled so the strip reads as time, names, and a brushed span as a range.
import { describe, expect, it } from 'vitest';
import { brushed, monthBars, monthName, nextMonth, rangeName } from '../../../web/client/src/timeline-months.ts';

describe('monthBars', () => {
  it('fills the months between the first and the last, oldest first, across a year end', () => {
    const bars = monthBars([
      { month: '2024-02', documents: 1, inView: 0 },
      { month: '2023-11', documents: 4, inView: 2 },
    ]);
    expect(bars).toEqual([
      { month: '2023-11', documents: 4, inView: 2 },
      { month: '2023-12', documents: 0, inView: 0 },
      { month: '2024-01', documents: 0, inView: 0 },
      { month: '2024-02', documents: 1, inView: 0 },
    ]);
  });
  it('is empty without dated documents and ignores malformed months', () => {
    expect(monthBars([])).toEqual([]);
    expect(monthBars([{ month: '2024-13', documents: 2, inView: 0 }])).toEqual([]);
  });
});

describe('names and ranges', () => {
  it('names months and ranges', () => {
    expect(nextMonth('2023-12')).toBe('2024-01');
    expect(monthName('2023-03')).toBe('Mar 2023');
    expect(rangeName({ from: '2023-03', to: '2023-03' })).toBe('Mar 2023');
    expect(rangeName({ from: '2023-03', to: '2024-07' })).toBe('Mar 2023 – Jul 2024');
  });
  it('turns two bars, in either order, into the range they span', () => {
    const bars = monthBars([
      { month: '2023-01', documents: 1, inView: 0 },
      { month: '2023-05', documents: 1, inView: 0 },
    ]);
    expect(brushed(bars, 3, 1)).toEqual({ from: '2023-02', to: '2023-04' });
    expect(brushed(bars, 0, 0)).toEqual({ from: '2023-01', to: '2023-01' });
  });
});
