// The explorer's entry point: builds the modules and wires them through `store` and `bus`. This is the only
// place that knows about all of them; each module talks to the others through the state object alone.
// A new panel or view mounts here: give it `store` and `bus`, and subscribe to the state it shows.
import './styles/index.css';
import type { GraphData, SearchHit } from '../../server/api-types.ts';
import { mountDetailPanel } from './detail-panel.ts';
import { mountDocumentViewer } from './document-viewer.ts';
import { $ } from './dom.ts';
import { exploreActions } from './explore-actions.ts';
import { mountExploreScreen } from './explore-view.ts';
import type { GraphView } from './graph/view.ts';
import { bindKeyboard } from './keyboard.ts';
import { mountNotices } from './notices.ts';
import { mountPanelToggles } from './panels.ts';
import { mountPathBanner } from './path-banner.ts';
import { mountSearch } from './search.ts';
import { start } from './startup.ts';
import { bus, store } from './state.ts';
import { mountTimeline } from './timeline.ts';
import { mountToolbar } from './toolbar.ts';
import { mountViews } from './views.ts';

const { toast, fail } = mountNotices({ store, bus });

// The explore view: its screen, then what it does. `actions` is set before any event can reach it.
let actions!: ReturnType<typeof exploreActions>;
const screen = mountExploreScreen({
  store,
  bus,
  onExpand: (id) => void actions.expand(id),
  onLayout: (name) => void screen.graph.runLayout(name),
  onOverview: () => void actions.showOverview(),
});
const graph = screen.graph;
const banner = mountPathBanner(graph);
actions = exploreActions({ screen, store, bus, banner, toast, fail });

// Panels.
const detail = mountDetailPanel($('#detail'), {
  store,
  bus,
  nodeState: (id) => ({ inView: graph.has(id), pinned: graph.isPinned(id), expand: graph.expandMeta(id) }),
  pathFrom: () => banner.from(),
  setPathFrom: (id) => {
    banner.setFrom(id);
    detail.refresh();
    if (id) toast('Now select the other end and press “Path from start”.');
  },
});
screen.onChanged(() => detail.refresh());
const timeline = mountTimeline($('#timeline'), { store, graph: () => graph, fail });
screen.onChanged(() => timeline.changed());
mountDocumentViewer($('#overlay'), { store, bus });
const search = mountSearch($('#search'), (hit: SearchHit) => void actions.focusNode(hit.id));
const views = mountViews({ store, bus, graph, fail });
mountToolbar({ store, screen, actions, banner, views, toast, fail });
bindKeyboard({ store, bus, screen, actions, banner, focusSearch: () => search.focus() });

// Requests between modules.
bus.on('entity:focus', ({ id }) => void actions.focusNode(id));
bus.on('entity:expand', ({ id, more, group }) => void actions.expand(id, more, group));
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
  screen.changed();
});
bus.on('path:find', ({ from, to }) => void actions.findPath(from, to));
bus.on('graph:show', ({ data, replace }) => void actions.showGraph(data, replace));
bus.on('community:open', ({ id }) => void actions.openCommunity(id));
bus.on('view:fit', () => graph.fit());

// State the graph follows.
store.subscribe((s, prev) => {
  if (s.hiddenTypes !== prev.hiddenTypes || s.hiddenRels !== prev.hiddenRels || s.hiddenCommunities !== prev.hiddenCommunities) {
    graph.setFilters({ types: new Set(s.hiddenTypes), rels: new Set(s.hiddenRels), communities: new Set(s.hiddenCommunities) });
    screen.changed();
  }
  if (s.sizeBy !== prev.sizeBy) graph.setSizeBy(s.sizeBy);
  if (s.selection !== prev.selection && s.view === 'explore') {
    if (s.selection && graph.has(s.selection.id)) {
      if (!graph.cy.getElementById(s.selection.id).selected()) graph.select(s.selection.id, { center: true });
    } else if (!s.selection) graph.cy.elements().unselect();
  }
});
window.addEventListener('resize', () => graph.resize());
mountPanelToggles(() => {
  graph.resize();
  views.resultGraph()?.resize();
});

declare global {
  interface Window {
    /** For tests and the screenshot script: the explore graph's Cytoscape instance (it is rebuilt when a
     *  view grows big enough for WebGL, hence a getter) and the query result's. */
    __atlas?: {
      readonly cy: GraphView['cy'];
      resultCy: () => GraphView['cy'] | null;
      webgl: () => boolean;
      /** The benchmark's way in: show a graph, bring a node in, expand it, load its next page. */
      show: (data: GraphData) => Promise<void>;
      focus: (id: string) => Promise<void>;
      expand: (id: string) => Promise<void>;
      expandMore: (id: string) => Promise<boolean>;
    };
  }
}
window.__atlas = {
  get cy() {
    return graph.cy;
  },
  resultCy: () => views.resultGraph()?.cy ?? null,
  webgl: () => graph.usesWebgl(),
  show: (data) => actions.showGraph(data, true),
  focus: (id) => actions.focusNode(id),
  expand: (id) => actions.expand(id),
  expandMore: async (id) => {
    const m = graph.expandMeta(id);
    if (!m || m.loaded >= m.total) return false;
    await actions.expand(id, true);
    return true;
  },
};

void start({ store, bus, screen, actions, views, fail });
