// The explore view's screen: the graph, the legend sidebar, the status line, the empty state and the path
// button; after every change it refreshes them and writes the view's contents into `store.graphCode`
// (the shared link), debounced.
import { $, h, clear } from './dom.ts';
import { GraphView } from './graph/view.ts';
import { mountSidebar } from './sidebar.ts';
import { mountCommunities } from './communities.ts';
import type { Bus, LayoutName, Store } from './state.ts';
import { encodeSnapshot } from './url-codec.ts';

export interface ExploreScreen {
  graph: GraphView;
  /** Refresh counts, status, empty state and the shared link after the graph changed. */
  changed(): void;
  /** Per-type totals in the database, for the legend. */
  setDbCounts(counts: Record<string, number>, empty: boolean): void;
  /** Hooks run after every change (the detail panel's action buttons, for one). */
  onChanged(fn: () => void): void;
}

export function mountExploreScreen(deps: {
  store: Store;
  bus: Bus;
  onExpand(id: string): void;
  onLayout(name: LayoutName): void;
  onOverview(): void;
}): ExploreScreen {
  const { store } = deps;
  const emptyEl = $('#graph-empty');
  const statusEl = $('#graph-status');
  const pathBtn = $('#btn-path') as HTMLButtonElement;
  const undoBtn = $('#btn-undo') as HTMLButtonElement;
  let dbCounts: Record<string, number> = {};
  let dbEmpty = false;
  let linkTimer: ReturnType<typeof setTimeout> | undefined;
  let linkSeq = 0;
  const hooks: (() => void)[] = [];

  const graph = new GraphView({
    container: $('#graph'),
    sizeBy: store.get().sizeBy,
    onSelect: (sel) => store.set({ selection: sel }),
    onExpand: (id) => deps.onExpand(id),
    onChange: () => changed(),
    onSelectionChange: () => updatePathButton(),
  });
  const sidebar = mountSidebar($('#explore-side'), { store, onLayout: deps.onLayout });
  const communities = mountCommunities($('#explore-side'), { store, bus: deps.bus });

  function updatePathButton() {
    const sel = graph.selectedNodeIds();
    pathBtn.disabled = sel.length !== 2;
    pathBtn.title = sel.length === 2 ? 'Shortest path between the two selected nodes' : 'Shift+click two nodes to find the shortest path between them';
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
      h('p', {}, h('button', { type: 'button', class: 'btn primary', onclick: (() => deps.onOverview()) as EventListener }, 'Show the most connected entities')),
      h('p', { class: 'muted' }, 'Or switch to Query to ask the graph in Cypher.'),
    );
  }

  /** The shared link follows the view a moment after it settles (encoding is async). */
  function scheduleLink() {
    clearTimeout(linkTimer);
    linkTimer = setTimeout(() => {
      const my = ++linkSeq;
      const snapshot = { nodes: graph.nodeIds().sort(), pinned: graph.pinnedNodes(), hidden: graph.hiddenNodeIds().sort() };
      const write = (code: string) => my === linkSeq && store.set({ graphCode: code });
      if (!snapshot.nodes.length) write('');
      else void encodeSnapshot(snapshot).then(write);
    }, 250);
  }

  function changed() {
    sidebar.update(graph.counts(), graph.relCounts(), dbCounts);
    communities.update(graph.communityCounts());
    const n = graph.cy.nodes().length;
    const e = graph.cy.edges().length;
    clear(statusEl);
    statusEl.append(`${n} node${n === 1 ? '' : 's'} · ${e} relation${e === 1 ? '' : 's'}`);
    undoBtn.disabled = !graph.canUndo();
    renderEmpty();
    updatePathButton();
    for (const fn of hooks) fn();
    const sel = store.get().selection;
    if (sel && store.get().view === 'explore' && !graph.has(sel.id)) store.set({ selection: null });
    scheduleLink();
  }

  return {
    graph,
    changed,
    setDbCounts(counts, empty) {
      dbCounts = counts;
      dbEmpty = empty;
      changed();
    },
    onChanged: (fn) => hooks.push(fn),
  };
}
