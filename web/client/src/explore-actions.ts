// What the explore view does with the API: the start view, bringing a node in, expanding a node, the
// shortest path, showing a query result, and reopening a shared view. Each fetches, then hands the data
// to the graph; none touches another module's DOM.
import type { GraphData } from '../../server/api-types.ts';
import { api } from './api.ts';
import type { ExploreScreen } from './explore-view.ts';
import type { PathBanner } from './path-banner.ts';
import type { Bus, GraphSnapshot, Store } from './state.ts';

export const EXPAND_PAGE = 25;
/** The server's limit on one subgraph request. */
const SUBGRAPH_MAX = 500;

export interface ExploreDeps {
  screen: ExploreScreen;
  store: Store;
  bus: Bus;
  banner: PathBanner;
  toast(message: string, kind?: 'info' | 'error'): void;
  fail(err: unknown): void;
}

export function exploreActions(deps: ExploreDeps) {
  const { screen, store, toast, fail, banner } = deps;
  const graph = screen.graph;

  /** Edges between everything in view (after new nodes came in). */
  async function linkUp(): Promise<void> {
    const links = await api.subgraph(graph.nodeIds().slice(0, SUBGRAPH_MAX));
    graph.add({ nodes: [], edges: links.edges });
  }

  async function showOverview(): Promise<void> {
    try {
      const ov = await api.overview(30);
      await graph.replace(ov, store.get().layout);
      screen.setDbCounts(ov.counts, ov.totalEntities === 0);
    } catch (err) {
      fail(err);
      screen.changed();
    }
  }

  /** Put a node (and its links to what is on screen) into the graph, select it and bring it into view. */
  async function focusNode(id: string, opts: { expandIfNew?: boolean } = {}): Promise<void> {
    store.set({ view: 'explore' });
    try {
      if (!graph.has(id)) {
        const data = await api.subgraph([id, ...graph.nodeIds()].slice(0, SUBGRAPH_MAX));
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

  async function expand(id: string, more = false): Promise<void> {
    const meta = graph.expandMeta(id);
    if (meta && !more) {
      if (meta.loaded >= meta.total) {
        toast(meta.total ? `All ${meta.total} neighbours are already in view.` : 'No related nodes.');
        return;
      }
      more = true;
    }
    const skip = more && meta ? meta.loaded : 0;
    const hidden = store.get().hiddenTypes;
    try {
      const res = await api.expand(id, {
        skip,
        limit: EXPAND_PAGE,
        types: hidden.length ? ['Person', 'Organization', 'Paper', 'Concept', 'Model', 'Document'].filter((t) => !hidden.includes(t)) : undefined,
      });
      const fresh = graph.add(res, { around: id, expandedFrom: id, animate: true });
      if (fresh.length) await linkUp();
      graph.setExpandMeta(id, { loaded: skip + res.nodes.length - 1, total: res.total });
      if (fresh.length) setTimeout(() => graph.reveal([id, ...fresh]), 300); // after the nodes slid out
      screen.changed();
      if (res.total === 0) toast('No related nodes.');
      else if (!fresh.length) toast('Its neighbours are already in view.');
      else if (res.hasMore) toast(`Showing ${skip + res.nodes.length - 1} of ${res.total} neighbours — “Show more” in the panel for the rest.`);
    } catch (err) {
      fail(err);
    }
  }

  async function findPath(from: string, to: string): Promise<void> {
    try {
      const res = await api.path(from, to);
      if (!res.found) {
        toast('No path between them within 8 relations.', 'error');
        return;
      }
      graph.add(res);
      await linkUp();
      graph.highlightPath(res.order, res.edges.map((e) => e.id));
      graph.reveal(res.order);
      banner.show(res);
      screen.changed();
    } catch (err) {
      fail(err);
    }
  }

  async function showGraph(data: GraphData, replace: boolean): Promise<void> {
    if (replace || graph.isEmpty()) await graph.replace(data, store.get().layout);
    else graph.add(data);
    screen.changed();
  }

  /** Reopen a shared view: the same nodes, pins and hidden nodes (filters come from the store). */
  async function restore(snapshot: GraphSnapshot): Promise<void> {
    const hidden = new Set(snapshot.hidden);
    const ids = snapshot.nodes.filter((id) => !hidden.has(id));
    const data: GraphData = { nodes: [], edges: [] };
    for (let i = 0; i < ids.length; i += SUBGRAPH_MAX) {
      const part = await api.subgraph(ids.slice(i, i + SUBGRAPH_MAX));
      data.nodes.push(...part.nodes);
      data.edges.push(...part.edges);
    }
    await graph.replace(data, store.get().layout, { pinned: snapshot.pinned });
    graph.markHidden(snapshot.hidden);
    const ov = await api.overview(1).catch(() => null);
    screen.setDbCounts(ov?.counts ?? {}, ov ? ov.totalEntities === 0 : false);
  }

  return { showOverview, focusNode, expand, findPath, showGraph, restore };
}
export type ExploreActions = ReturnType<typeof exploreActions>;
