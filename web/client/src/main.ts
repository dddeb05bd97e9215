// The explorer's entry point: builds the modules and wires them through `store` and `bus`. This is the only
// place that knows about all of them; each module talks to the others through the state object alone.
import './styles.css';
import type { GraphData, SearchHit } from '../../server/api-types.ts';
import { api, ApiFailure } from './api.ts';
import type { mountConsole } from './console.ts';
import { mountDetailPanel } from './detail-panel.ts';
import { mountDocumentViewer } from './document-viewer.ts';
import { $, h, clear } from './dom.ts';
import { exportJson, exportPng } from './export.ts';
import { GraphView } from './graph-view.ts';
import { mountSearch } from './search.ts';
import { mountSidebar } from './sidebar.ts';
import { bus, store } from './state.ts';
import { readUrl, syncUrl } from './url-state.ts';

const EXPAND_PAGE = 25;

// ------------------------------------------------------------------------------------------------ chrome
const toasts = $('#toasts');
function toast(message: string, kind: 'info' | 'error' = 'info') {
  const t = h('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message);
  toasts.append(t);
  setTimeout(() => t.classList.add('leaving'), kind === 'error' ? 6000 : 3200);
  setTimeout(() => t.remove(), kind === 'error' ? 6400 : 3600);
}
bus.on('toast', ({ message, kind }) => toast(message, kind));
const fail = (err: unknown) => toast(err instanceof ApiFailure || err instanceof Error ? err.message : String(err), 'error');

const loadingBar = $('#loading-bar');
let loadingTimer: ReturnType<typeof setTimeout> | undefined;
store.subscribe((s, prev) => {
  if (s.loading === prev.loading) return;
  clearTimeout(loadingTimer);
  if (s.loading > 0) loadingTimer = setTimeout(() => (loadingBar.hidden = false), 150);
  else loadingBar.hidden = true;
  document.body.toggleAttribute('aria-busy', s.loading > 0);
});

// ------------------------------------------------------------------------------------------------- graph
const graphEl = $('#graph');
const emptyEl = $('#graph-empty');
const statusEl = $('#graph-status');
const pathBtn = $('#btn-path') as HTMLButtonElement;
const undoBtn = $('#btn-undo') as HTMLButtonElement;
const pathBanner = $('#path-banner');
let dbCounts: Record<string, number> = {};
let dbEmpty = false;
let pathFrom: string | null = null;

const graph = new GraphView({
  container: graphEl,
  sizeBy: store.get().sizeBy,
  onSelect: (sel) => store.set({ selection: sel }),
  onExpand: (id) => void expand(id),
  onChange: () => graphChanged(),
});

const sidebar = mountSidebar($('#explore-side'), { store, onLayout: (name) => graph.runLayout(name) });

function graphChanged() {
  sidebar.update(graph.counts(), graph.relCounts(), dbCounts);
  const n = graph.cy.nodes().length;
  const e = graph.cy.edges().length;
  clear(statusEl);
  statusEl.append(`${n} node${n === 1 ? '' : 's'} · ${e} relation${e === 1 ? '' : 's'}`);
  undoBtn.disabled = !graph.canUndo();
  renderEmpty();
  detail.refresh();
  const sel = store.get().selection;
  if (sel && store.get().view === 'explore' && !graph.has(sel.id)) store.set({ selection: null });
}

function renderEmpty() {
  clear(emptyEl);
  emptyEl.hidden = !graph.isEmpty();
  if (!graph.isEmpty()) return;
  if (dbEmpty) {
    emptyEl.append(
      h('h2', {}, 'The graph is empty'),
      h('p', {}, 'Nothing has been ingested into this database yet. Load some documents, then reload this page:'),
      h('pre', {}, 'atlas ingest ../shared/seeds\n# or: npm run demo'),
    );
    return;
  }
  emptyEl.append(
    h('h2', {}, 'Start exploring'),
    h('p', {}, 'Search above for a person, team, paper, concept or AI model — press ', h('kbd', {}, '/'), ' to jump to the search box.'),
    h('p', {}, h('button', { type: 'button', class: 'btn primary', onclick: (() => void showOverview()) as EventListener }, 'Show the most connected entities')),
    h('p', { class: 'muted' }, 'Or switch to Query to ask the graph in Cypher.'),
  );
}

function updatePathButton() {
  const sel = graph.selectedNodeIds();
  pathBtn.disabled = sel.length !== 2;
  pathBtn.title = sel.length === 2 ? 'Shortest path between the two selected nodes' : 'Shift+click two nodes to find the shortest path between them';
}
graph.cy.on('select unselect', () => updatePathButton());

async function showOverview() {
  try {
    const ov = await api.overview(30);
    dbCounts = ov.counts;
    dbEmpty = ov.totalEntities === 0;
    graph.replace(ov, store.get().layout);
    graphChanged();
  } catch (err) {
    fail(err);
    renderEmpty();
  }
}

/** Put a node (and its links to what is on screen) into the graph, select it and bring it into view. */
async function focusNode(id: string, opts: { expandIfNew?: boolean } = {}) {
  store.set({ view: 'explore' });
  try {
    if (!graph.has(id)) {
      const ids = [id, ...graph.nodeIds()].slice(0, 500);
      const data = await api.subgraph(ids);
      if (!data.nodes.some((n) => n.id === id)) {
        toast(`“${id}” is not in the graph.`, 'error');
        return;
      }
      graph.add(data);
      if (graph.cy.nodes().length === 1) graph.fit();
      if (opts.expandIfNew) await expand(id);
    }
    graph.select(id, { center: true });
    store.set({ selection: { kind: 'node', id } });
  } catch (err) {
    fail(err);
  }
}

async function expand(id: string, more = false) {
  const meta = graph.expandMeta(id);
  if (meta && !more) {
    if (meta.loaded >= meta.total) {
      toast(meta.total ? `All ${meta.total} neighbours are already in view.` : 'No related nodes.');
      return;
    }
    more = true;
  }
  const s = store.get();
  const skip = more && meta ? meta.loaded : 0;
  try {
    const res = await api.expand(id, {
      skip,
      limit: EXPAND_PAGE,
      types: s.hiddenTypes.length ? ['Person', 'Organization', 'Paper', 'Concept', 'Model', 'Document'].filter((t) => !s.hiddenTypes.includes(t)) : undefined,
      rels: undefined,
    });
    const fresh = graph.add(res, { around: id, expandedFrom: id, animate: true });
    if (fresh.length) {
      // Relations between the new nodes and the rest of the view.
      const links = await api.subgraph(graph.nodeIds().slice(0, 500));
      graph.add({ nodes: [], edges: links.edges });
    }
    graph.setExpandMeta(id, { loaded: skip + res.nodes.length - 1, total: res.total });
    if (fresh.length) setTimeout(() => graph.reveal([id, ...fresh]), 300); // after the nodes slid out
    graphChanged();
    if (res.total === 0) toast('No related nodes.');
    else if (!fresh.length) toast('Its neighbours are already in view.');
    else if (res.hasMore) toast(`Showing ${skip + res.nodes.length - 1} of ${res.total} neighbours — “Show more” in the panel for the rest.`);
  } catch (err) {
    fail(err);
  }
}

async function findPath(from: string, to: string) {
  try {
    const res = await api.path(from, to);
    if (!res.found) {
      toast('No path between them within 8 relations.', 'error');
      return;
    }
    graph.add(res);
    const links = await api.subgraph(graph.nodeIds().slice(0, 500));
    graph.add({ nodes: [], edges: links.edges });
    graph.highlightPath(res.order, res.edges.map((e) => e.id));
    graph.reveal(res.order);
    pathFrom = null;
    clear(pathBanner);
    pathBanner.hidden = false;
    pathBanner.append(
      h('strong', {}, `Path · ${res.length} relation${res.length === 1 ? '' : 's'}: `),
      res.nodes.map((n) => n.name).join(' → '),
      h('button', { type: 'button', class: 'btn small', id: 'clear-path', onclick: (() => clearPath()) as EventListener }, 'Clear (Esc)'),
    );
    graphChanged();
  } catch (err) {
    fail(err);
  }
}

function clearPath() {
  graph.clearHighlight();
  pathBanner.hidden = true;
}

function showGraph(data: GraphData, replace: boolean) {
  if (replace || graph.isEmpty()) graph.replace(data, store.get().layout);
  else {
    graph.add(data);
  }
  graphChanged();
}

// ------------------------------------------------------------------------------------------------ panels
const detail = mountDetailPanel($('#detail'), {
  store,
  bus,
  nodeState: (id) => ({ inView: graph.has(id), pinned: graph.isPinned(id), expand: graph.expandMeta(id) }),
  pathFrom: () => pathFrom,
  setPathFrom: (id) => {
    pathFrom = id;
    detail.refresh();
    if (id) toast('Now select the other end and press “Path from start”.');
  },
});
mountDocumentViewer($('#overlay'), { store, bus });
const search = mountSearch($('#search'), (hit: SearchHit) => void focusNode(hit.id));
// The console (CodeMirror and the Cypher grammar, most of the code) loads the first time it is needed.
type ConsoleApi = ReturnType<typeof mountConsole>;
let cypherConsole: ConsoleApi | null = null;
let consoleLoading: Promise<ConsoleApi> | null = null;
function getConsole(): Promise<ConsoleApi> {
  consoleLoading ??= import('./console.ts').then((m) => {
    cypherConsole = m.mountConsole($('#query'), { store, bus, side: $('#query-side') });
    return cypherConsole;
  });
  return consoleLoading;
}

bus.on('entity:focus', ({ id }) => void focusNode(id));
bus.on('entity:expand', ({ id, more }) => void expand(id, more));
bus.on('node:hide', ({ id }) => {
  graph.hide(id);
  if (store.get().selection?.id === id) store.set({ selection: null });
});
bus.on('node:pin', ({ id }) => {
  const pinned = graph.togglePin(id);
  toast(pinned ? 'Pinned: layouts leave it where it is.' : 'Unpinned.');
  detail.refresh();
});
bus.on('node:collapse', ({ id }) => {
  const n = graph.collapse(id);
  toast(n ? `Collapsed ${n} node${n === 1 ? '' : 's'}.` : 'Nothing to collapse.');
  graphChanged();
});
bus.on('path:find', ({ from, to }) => void findPath(from, to));
bus.on('graph:show', ({ data, replace }) => showGraph(data, replace));
bus.on('view:fit', () => graph.fit());

store.subscribe((s, prev) => {
  if (s.hiddenTypes !== prev.hiddenTypes || s.hiddenRels !== prev.hiddenRels) {
    graph.setFilters(s.hiddenTypes, s.hiddenRels);
    graphChanged();
  }
  if (s.sizeBy !== prev.sizeBy) graph.setSizeBy(s.sizeBy);
  if (s.selection !== prev.selection && s.view === 'explore') {
    if (s.selection && graph.has(s.selection.id)) {
      if (!graph.cy.getElementById(s.selection.id).selected()) graph.select(s.selection.id, { center: true });
    } else if (!s.selection) graph.cy.elements().unselect();
  }
  if (s.view !== prev.view) applyView();
});

// ------------------------------------------------------------------------------------------------- views
const tabExplore = $('#tab-explore');
const tabQuery = $('#tab-query');
function applyView() {
  const v = store.get().view;
  $('#explore').hidden = v !== 'explore';
  $('#explore-side').hidden = v !== 'explore';
  $('#query').hidden = v !== 'query';
  $('#query-side').hidden = v !== 'query';
  tabExplore.setAttribute('aria-selected', String(v === 'explore'));
  tabQuery.setAttribute('aria-selected', String(v === 'query'));
  document.body.dataset['view'] = v;
  if (v === 'query') void getConsole().then((c) => c.activate(), fail);
  else graph.resize();
}
tabExplore.addEventListener('click', () => store.set({ view: 'explore' }));
tabQuery.addEventListener('click', () => store.set({ view: 'query' }));

// -------------------------------------------------------------------------------------------- toolbar
function currentGraph(): GraphView | null {
  return store.get().view === 'query' ? (cypherConsole?.graph() ?? null) : graph;
}
$('#btn-overview').addEventListener('click', () => {
  clearPath();
  store.set({ selection: null });
  void showOverview();
});
$('#btn-fit').addEventListener('click', () => graph.fit(true));
undoBtn.addEventListener('click', () => {
  if (!graph.undo()) toast('Nothing to undo.');
  graphChanged();
});
$('#btn-clear').addEventListener('click', () => {
  clearPath();
  graph.clear();
  store.set({ selection: null });
});
pathBtn.addEventListener('click', () => {
  const [a, b] = graph.selectedNodeIds();
  if (a && b) void findPath(a, b);
});
$('#btn-png').addEventListener('click', () => {
  const g = currentGraph();
  if (!g || g.isEmpty()) return toast('There is no graph on screen to export.', 'error');
  void exportPng(g).catch(fail);
});
$('#btn-json').addEventListener('click', () => {
  const g = currentGraph();
  if (!g || g.isEmpty()) return toast('There is no graph on screen to export.', 'error');
  exportJson(g);
});
$('#btn-share').addEventListener('click', () => {
  const url = location.href;
  navigator.clipboard?.writeText(url).then(
    () => toast('Link copied: it reopens this view.'),
    () => toast(url),
  ) ?? toast(url);
});

// ------------------------------------------------------------------------------------------- keyboard
const typing = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName) || !!t.closest('.cm-editor'));

document.addEventListener('keydown', (e) => {
  if (e.defaultPrevented) return;
  if (e.key === '/' && !typing(e.target)) {
    e.preventDefault();
    search.focus();
    return;
  }
  if (e.key === 'Escape') {
    if (typing(e.target)) return;
    if (!pathBanner.hidden) clearPath();
    else if (store.get().selection) store.set({ selection: null });
    return;
  }
  if (typing(e.target) || store.get().view !== 'explore' || e.altKey) return;
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
    e.preventDefault();
    graph.undo();
    graphChanged();
    return;
  }
  if (e.ctrlKey || e.metaKey) return;
  const sel = store.get().selection;
  const nodeId = sel?.kind === 'node' && graph.has(sel.id) ? sel.id : null;
  const inGraph = (e.target as HTMLElement | null)?.closest?.('#explore') || e.target === document.body;
  if (!inGraph) return;
  switch (e.key) {
    case 'f':
    case '0':
      graph.fit(true);
      break;
    case '+':
    case '=':
    case '-': {
      const cy = graph.cy;
      const level = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), cy.zoom() * (e.key === '-' ? 1 / 1.25 : 1.25)));
      cy.animate({ zoom: { level, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } } }, { duration: 150 });
      break;
    }
    case 'Enter':
    case 'e':
      if (nodeId) void expand(nodeId);
      break;
    case 'h':
    case 'Delete':
    case 'Backspace':
      if (nodeId) bus.emit('node:hide', { id: nodeId });
      break;
    case 'p':
      if (nodeId) bus.emit('node:pin', { id: nodeId });
      break;
    case 'c':
      if (nodeId) bus.emit('node:collapse', { id: nodeId });
      break;
    default:
      return;
  }
  e.preventDefault();
});

window.addEventListener('resize', () => graph.resize());

// ------------------------------------------------------------------------------------- URL & startup
function applyUrl(first: boolean) {
  const u = readUrl();
  store.set({ view: u.view ?? 'explore' });
  if (u.doc && u.doc !== store.get().doc) bus.emit('document:open', { id: u.doc, entity: u.entity });
  if (!u.doc && store.get().doc) bus.emit('document:close', {});
  if (first && u.view === 'query' && u.q) {
    const { q, params } = u;
    void getConsole().then((c) => c.load(q, params ?? {}), fail);
  }
  return u;
}

async function start() {
  applyView();
  const u = applyUrl(true);
  syncUrl(store);
  window.addEventListener('popstate', () => applyUrl(false));
  if (u.entity) {
    // A shared link: that entity and its neighbourhood.
    await focusNode(u.entity, { expandIfNew: true });
    graph.runLayout('fcose', { animate: false });
    graph.select(u.entity);
    const ov = await api.overview(1).catch(() => null);
    if (ov) {
      dbCounts = ov.counts;
      graphChanged();
    }
  } else if (u.edge) {
    try {
      const d = await api.edge(u.edge);
      graph.replace({ nodes: [d.source, d.target], edges: [d.edge] });
      graph.select(u.edge);
      store.set({ selection: { kind: 'edge', id: u.edge } });
    } catch (err) {
      fail(err);
      await showOverview();
    }
  } else {
    await showOverview();
  }
  document.body.dataset['ready'] = 'true';
}

declare global {
  interface Window {
    /** For tests and the screenshot script: the explore graph's Cytoscape instance. */
    __atlas?: { cy: GraphView['cy']; resultCy: () => GraphView['cy'] | null };
  }
}
window.__atlas = { cy: graph.cy, resultCy: () => cypherConsole?.graph()?.cy ?? null };

void start();
