// The timeline's axis, pure: every month from the first dated document to the last (empty months
// included, so the strip reads as time), month labels, and a brushed span of bars as a range.
import type { TimelineResponse } from '../../server/api-types.ts';
import type { TimeRange } from './state.ts';

export interface MonthBar {
  month: string;
  documents: number;
  inView: number;
}

export function nextMonth(m: string): string {
  const [y, mo] = m.split('-').map(Number);
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}

/** At most this many months on the strip; a longer span keeps its most recent months. */
export const MAX_MONTHS = 600;

/** The months of the answer, gaps filled with empty months, oldest first. */
export function monthBars(months: TimelineResponse['months']): MonthBar[] {
  const sorted = [...months].filter((m) => /^\d{4}-(0[1-9]|1[0-2])$/.test(m.month)).sort((a, b) => (a.month < b.month ? -1 : 1));
  if (!sorted.length) return [];
  const by = new Map(sorted.map((m) => [m.month, m]));
  const out: MonthBar[] = [];
  const last = sorted[sorted.length - 1].month;
  for (let m = sorted[0].month; m <= last; m = nextMonth(m)) {
    const x = by.get(m);
    out.push({ month: m, documents: x?.documents ?? 0, inView: x?.inView ?? 0 });
  }
  return out.slice(-MAX_MONTHS);
}

const NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2024-03" → "Mar 2024". */
export function monthName(m: string): string {
  const [y, mo] = m.split('-').map(Number);
  return `${NAMES[mo - 1]} ${y}`;
}

/** "Mar 2024", or "Mar 2024 – Jul 2024". */
export function rangeName(r: TimeRange): string {
  return r.from === r.to ? monthName(r.from) : `${monthName(r.from)} – ${monthName(r.to)}`;
}

/** The range two bars (in either order) span. */
export function brushed(bars: MonthBar[], a: number, b: number): TimeRange {
  const [i, j] = a <= b ? [a, b] : [b, a];
  return { from: bars[Math.max(0, i)].month, to: bars[Math.min(bars.length - 1, j)].month };
}
