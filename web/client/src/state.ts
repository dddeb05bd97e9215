// The one object the client's modules share. State that the URL and several panels care about lives in
// `store`; one-off requests between modules ("expand this", "open that document") go over `bus`. No module
// reaches into another's DOM.
import type { CommunityJson, GraphData } from '../../server/api-types.ts';

export type Selection = { kind: 'node'; id: string } | { kind: 'edge'; id: string } | null;
export type LayoutName = 'fcose' | 'concentric' | 'breadthfirst';
export type SizeBy = 'mentions' | 'degree';
export type View = 'explore' | 'query';

/** A node the user pinned, where it stands. */
export interface PinnedNode {
  id: string;
  x: number;
  y: number;
}

/** What the explore view holds, as a shared link needs it: every node in view, the pinned ones with their
 *  positions, and the nodes the user hid. */
export interface GraphSnapshot {
  nodes: string[];
  pinned: PinnedNode[];
  hidden: string[];
}

export interface TimeRange {
  from: string;
  to: string;
}

export interface AppState {
  view: View;
  /** What the detail panel shows. */
  selection: Selection;
  /** Open document, if any. */
  doc: string | null;
  /** Console query text and parameters (reflected in the URL once run). */
  query: string;
  params: Record<string, unknown>;
  hiddenTypes: string[];
  hiddenRels: string[];
  /** Communities whose members the view hides. */
  hiddenCommunities: string[];
  /** The main communities of the graph (from the start view), most mentioned first. */
  communities: CommunityJson[];
  /** The community the view shows, when one was opened. */
  openCommunity: string | null;
  /** The timeline's brushed range, months `YYYY-MM` inclusive; null: no range. */
  timeRange: TimeRange | null;
  layout: LayoutName;
  sizeBy: SizeBy;
  /** The explore view's contents, encoded for the URL (url-codec.ts); '' before the first change. */
  graphCode: string;
  /** Requests in flight (drives the loading bar). */
  loading: number;
}

type Listener<T> = (state: T, prev: T) => void;

export function createStore<T extends object>(initial: T) {
  let state = initial;
  const listeners = new Set<Listener<T>>();
  return {
    get: () => state,
    set(patch: Partial<T>) {
      const prev = state;
      const next = { ...state, ...patch };
      if (Object.keys(patch).every((k) => Object.is(prev[k as keyof T], next[k as keyof T]))) return;
      state = next;
      for (const l of listeners) l(state, prev);
    },
    subscribe(l: Listener<T>): () => void {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

/** Requests between modules. */
export interface Commands {
  /** Bring an entity or document into the explore view (fetching it if needed), select and centre it. */
  'entity:focus': { id: string };
  /** Load neighbours of a node into the explore view; `more` continues a previous expansion. */
  'entity:expand': { id: string; more?: boolean; group?: string };
  'node:hide': { id: string };
  'node:pin': { id: string };
  'node:collapse': { id: string };
  /** Open the document viewer; `span` is scrolled to and outlined (e.g. an evidence sentence). */
  'document:open': { id: string; entity?: string; span?: { start: number; end: number } };
  'document:close': Record<string, never>;
  /** Show a graph (e.g. a query result) in the explore view. */
  'graph:show': { data: GraphData; replace: boolean };
  /** Replace the explore view with one community's strongest members and their links. */
  'community:open': { id: string };
  'path:find': { from: string; to: string };
  'view:fit': Record<string, never>;
  toast: { message: string; kind?: 'info' | 'error' };
}

export function createBus<C extends object>() {
  const handlers = new Map<keyof C, Set<(p: never) => void>>();
  return {
    on<K extends keyof C>(name: K, fn: (payload: C[K]) => void): () => void {
      if (!handlers.has(name)) handlers.set(name, new Set());
      handlers.get(name)!.add(fn as (p: never) => void);
      return () => handlers.get(name)?.delete(fn as (p: never) => void);
    },
    emit<K extends keyof C>(name: K, payload: C[K]): void {
      for (const fn of handlers.get(name) ?? []) (fn as (p: C[K]) => void)(payload);
    },
  };
}

/** The state a fresh page starts in (what the URL leaves out). */
export const INITIAL_STATE: Readonly<AppState> = {
  view: 'explore',
  selection: null,
  doc: null,
  query: '',
  params: {},
  hiddenTypes: [],
  hiddenRels: [],
  hiddenCommunities: [],
  communities: [],
  openCommunity: null,
  timeRange: null,
  layout: 'fcose',
  sizeBy: 'mentions',
  graphCode: '',
  loading: 0,
};

export const store = createStore<AppState>({ ...INITIAL_STATE });

export const bus = createBus<Commands>();
export type Store = typeof store;
export type Bus = typeof bus;
