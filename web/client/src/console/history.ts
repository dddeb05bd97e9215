// The console's history: the last 30 distinct queries with their parameters, kept in localStorage.

const HISTORY_KEY = 'atlas.console.history';
const HISTORY_MAX = 30;

export interface HistoryEntry {
  cypher: string;
  params: Record<string, unknown>;
  at: number;
}

export function loadHistory(): HistoryEntry[] {
  try {
    const v = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? (v as HistoryEntry[]).filter((x) => typeof x?.cypher === 'string') : [];
  } catch {
    return [];
  }
}

/** The history with this query first (an earlier run of the same text drops out), saved. */
export function remember(history: HistoryEntry[], cypher: string, params: Record<string, unknown>, at = Date.now()): HistoryEntry[] {
  const next = [{ cypher, params, at }, ...history.filter((x) => x.cypher !== cypher)].slice(0, HISTORY_MAX);
  try {
    localStorage.setItem(HISTORY_KEY, JSON.stringify(next));
  } catch {
    /* storage full or disabled: history lives for this page only */
  }
  return next;
}
