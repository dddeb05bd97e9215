// The address bar mirrors what is on screen — selected entity or edge, open document, console query — so
// copying the URL shares the view. Opening a document pushes a history entry (Back closes it); other
// changes replace the current one.
import type { AppState, Store } from './state.ts';

export interface UrlState {
  entity?: string;
  edge?: string;
  doc?: string;
  view?: 'explore' | 'query';
  q?: string;
  params?: Record<string, unknown>;
}

export function readUrl(loc: Location = location): UrlState {
  const s = new URLSearchParams(loc.search);
  const out: UrlState = {};
  const get = (k: string) => s.get(k) || undefined;
  out.entity = get('entity');
  out.edge = get('edge');
  out.doc = get('doc');
  out.q = get('q');
  const v = get('view');
  out.view = v === 'query' || (out.q && v !== 'explore') ? 'query' : 'explore';
  const p = get('params');
  if (p) {
    try {
      const parsed = JSON.parse(p) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) out.params = parsed as Record<string, unknown>;
    } catch {
      /* ignore a broken params value */
    }
  }
  return out;
}

export function urlFor(state: Pick<AppState, 'view' | 'selection' | 'doc' | 'query' | 'params'>): string {
  const s = new URLSearchParams();
  if (state.view === 'query') s.set('view', 'query');
  if (state.selection?.kind === 'node') s.set('entity', state.selection.id);
  if (state.selection?.kind === 'edge') s.set('edge', state.selection.id);
  if (state.doc) s.set('doc', state.doc);
  if (state.view === 'query' && state.query) {
    s.set('q', state.query);
    if (Object.keys(state.params).length) s.set('params', JSON.stringify(state.params));
  }
  const qs = s.toString();
  return location.pathname + (qs ? `?${qs}` : '');
}

export function syncUrl(store: Store): void {
  store.subscribe((s, prev) => {
    const keys: (keyof AppState)[] = ['view', 'selection', 'doc', 'query', 'params'];
    if (keys.every((k) => s[k] === prev[k])) return;
    const url = urlFor(s);
    if (url === location.pathname + location.search) return;
    if (s.doc && s.doc !== prev.doc) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  });
}
