// The address bar mirrors what is on screen — the explore view's nodes, pins and hidden nodes (`g`, see
// url-codec.ts), filters (types, relations, communities, the timeline's range), layout, size rule, selected
// entity or edge, open document, console query — so copying the URL shares the view. `readUrl` and `urlFor` are pure; `syncUrl` writes the history: opening
// a document pushes an entry (Back closes it), other changes replace the current one.
import type { AppState, LayoutName, SizeBy, Store, TimeRange } from './state.ts';

export interface UrlState {
  entity?: string;
  edge?: string;
  doc?: string;
  view: 'explore' | 'query';
  q?: string;
  params?: Record<string, unknown>;
  hiddenTypes?: string[];
  hiddenRels?: string[];
  hiddenCommunities?: string[];
  timeRange?: TimeRange;
  layout?: LayoutName;
  sizeBy?: SizeBy;
  /** Encoded explore view (url-codec.ts). */
  graph?: string;
}

const LAYOUTS: readonly LayoutName[] = ['fcose', 'concentric', 'breadthfirst'];
const list = (v: string | undefined) => (v ? v.split(',').filter(Boolean) : undefined);

export function readUrl(search: string): UrlState {
  const s = new URLSearchParams(search);
  const get = (k: string) => s.get(k) || undefined;
  const q = get('q');
  const v = get('view');
  const out: UrlState = { view: v === 'query' || (q && v !== 'explore') ? 'query' : 'explore' };
  const put = <K extends keyof UrlState>(k: K, value: UrlState[K] | undefined) => {
    if (value !== undefined) out[k] = value;
  };
  put('entity', get('entity'));
  put('edge', get('edge'));
  put('doc', get('doc'));
  put('q', q);
  put('hiddenTypes', list(get('ht')));
  put('hiddenRels', list(get('hr')));
  put('hiddenCommunities', list(get('hc')));
  const t = /^(\d{4}-(?:0[1-9]|1[0-2]))~(\d{4}-(?:0[1-9]|1[0-2]))$/.exec(get('t') ?? '');
  if (t && t[1] <= t[2]) out.timeRange = { from: t[1], to: t[2] };
  const layout = get('layout');
  put('layout', LAYOUTS.includes(layout as LayoutName) ? (layout as LayoutName) : undefined);
  const size = get('size');
  put('sizeBy', size === 'degree' || size === 'mentions' ? size : undefined);
  put('graph', get('g'));
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

export type UrlFields = Pick<
  AppState,
  'view' | 'selection' | 'doc' | 'query' | 'params' | 'hiddenTypes' | 'hiddenRels' | 'hiddenCommunities' | 'timeRange' | 'layout' | 'sizeBy' | 'graphCode'
>;
export const URL_FIELDS: readonly (keyof UrlFields)[] = [
  'view', 'selection', 'doc', 'query', 'params', 'hiddenTypes', 'hiddenRels', 'hiddenCommunities', 'timeRange', 'layout', 'sizeBy', 'graphCode',
];

export function urlFor(state: UrlFields, pathname = '/'): string {
  const s = new URLSearchParams();
  if (state.view === 'query') s.set('view', 'query');
  if (state.selection?.kind === 'node') s.set('entity', state.selection.id);
  if (state.selection?.kind === 'edge') s.set('edge', state.selection.id);
  if (state.doc) s.set('doc', state.doc);
  if (state.view === 'query' && state.query) {
    s.set('q', state.query);
    if (Object.keys(state.params).length) s.set('params', JSON.stringify(state.params));
  }
  if (state.hiddenTypes.length) s.set('ht', [...state.hiddenTypes].sort().join(','));
  if (state.hiddenRels.length) s.set('hr', [...state.hiddenRels].sort().join(','));
  if (state.hiddenCommunities.length) s.set('hc', [...state.hiddenCommunities].sort().join(','));
  if (state.timeRange) s.set('t', `${state.timeRange.from}~${state.timeRange.to}`);
  if (state.layout !== 'fcose') s.set('layout', state.layout);
  if (state.sizeBy !== 'mentions') s.set('size', state.sizeBy);
  if (state.graphCode) s.set('g', state.graphCode);
  const qs = s.toString();
  return pathname + (qs ? `?${qs}` : '');
}

export function syncUrl(store: Store): void {
  store.subscribe((s, prev) => {
    if (URL_FIELDS.every((k) => s[k] === prev[k])) return;
    const url = urlFor(s, location.pathname);
    if (url === location.pathname + location.search) return;
    if (s.doc && s.doc !== prev.doc) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  });
}
