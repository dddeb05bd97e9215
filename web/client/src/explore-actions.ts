// What the explore view does with the API: the start view, bringing a node in, expanding a node, the
// shortest path, showing a query result, and reopening a shared view. Each fetches, then hands the data
// to the graph; none touches another module's DOM.
import type { GraphData } from '../../server/api-types.ts';
import { api } from './api.ts';
import type { ExploreScreen } from './explore-view.ts';
import type { PathBanner } from './path-banner.ts';
import type { Bus, GraphSnapshot, Store } from './state.ts';
import { firstPages, MORE_PER_GROUP, remaining, type GroupState } from './expand-groups.ts';

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

  /** The start view: the main communities and their strongest members (or, on a graph without
   *  communities, the most connected entities). */
  async function showOverview(): Promise<void> {
    try {
      const ov = await api.overview(30);
      store.set({ communities: ov.communities ?? [], openCommunity: null });
      await graph.replace(ov, store.get().layout);
      screen.setDbCounts(ov.counts, ov.totalEntities === 0);
    } catch (err) {
      fail(err);
      screen.changed();
    }
  }

  /** One community opened: its strongest members of every type and the links among them replace the view. */
  async function openCommunity(id: string): Promise<void> {
    store.set({ view: 'explore' });
    try {
      const view = await api.community(id);
      const c = view.communities[0];
      // Its members are wanted on screen, so a filter hiding them goes.
      const hidden = store.get().hiddenCommunities;
      if (hidden.includes(id)) store.set({ hiddenCommunities: hidden.filter((x) => x !== id) });
      store.set({ openCommunity: id, selection: null });
      await graph.replace(view, store.get().layout);
      screen.changed();
      if (c) toast(`Community “${c.name}”: ${view.nodes.length} of its ${c.size} members.`);
    } catch (err) {
      fail(err);
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

  /** Load pages of groups of a node's neighbours and place them around it, grouped, in one step. */
  async function loadGroups(id: string, pages: { group: GroupState; take: number }[]): Promise<string[]> {
    const data: GraphData = { nodes: [], edges: [] };
    const seen = new Set<string>();
    for (const { group, take } of pages) {
      if (take <= 0) continue;
      const res = await api.expand(id, { skip: group.loaded, limit: take, rels: [group.rel], types: [group.type] });
      group.loaded += res.nodes.length - 1;
      for (const n of res.nodes) if (!seen.has(n.id)) seen.add(n.id) && data.nodes.push(n);
      data.edges.push(...res.edges);
    }
    const fresh = graph.add(data, { around: id, expandedFrom: id, animate: true });
    // The groups' counts change together with the nodes, before anything else is awaited, so the next
    // "show more" asks for the page after these.
    const groups = pages.map((p) => p.group);
    const old = graph.expandMeta(id)?.groups ?? [];
    const merged = [...old.filter((g) => !groups.some((x) => x.key === g.key)), ...groups].sort((x, y) => y.count - x.count);
    graph.setExpandMeta(id, { loaded: merged.reduce((a, g) => a + g.loaded, 0), total: merged.reduce((a, g) => a + g.count, 0), groups: merged });
    screen.changed();
    if (fresh.length) {
      await linkUp();
      setTimeout(() => graph.reveal([id, ...fresh]), 300); // after the nodes slid out
      screen.changed();
    }
    return fresh;
  }

  /** Expansions of one node run one after another: a second "show more" clicked while the first is still
   *  loading asks for the page after it instead of the same page again. */
  const queues = new Map<string, Promise<void>>();
  function expand(id: string, more = false, groupKey?: string): Promise<void> {
    const run = (queues.get(id) ?? Promise.resolve()).then(() => expandNow(id, more, groupKey));
    queues.set(id, run);
    void run.finally(() => queues.get(id) === run && queues.delete(id));
    return run;
  }

  /**
   * Expand a node group by group (by relation and neighbour type): first all of each small group and
   * the first page of each big one; later, `group` (or the biggest unfinished group) one page more.
   */
  async function expandNow(id: string, more: boolean, groupKey?: string): Promise<void> {
    const meta = graph.expandMeta(id);
    try {
      if (!meta?.groups) {
        const { groups } = await api.expandGroups(id);
        const pages = firstPages(groups, store.get().hiddenTypes);
        if (!pages.length) {
          toast('No related nodes.');
          graph.setExpandMeta(id, { loaded: 0, total: 0, groups: [] });
          screen.changed();
          return;
        }
        const fresh = await loadGroups(id, pages);
        const m = graph.expandMeta(id)!;
        if (!fresh.length) toast('Its neighbours are already in view.');
        else if (m.loaded < m.total) toast(`Showing ${m.loaded} of ${m.total} neighbours, by kind — “Show more” per kind in the panel.`);
        return;
      }
      const open = meta.groups.filter((g) => remaining(g) > 0);
      const group = groupKey ? open.find((g) => g.key === groupKey) : open[0];
      if (!group) {
        if (!more || !groupKey) toast(meta.total ? `All ${meta.total} neighbours are already in view.` : 'No related nodes.');
        return;
      }
      const fresh = await loadGroups(id, [{ group: { ...group }, take: Math.min(MORE_PER_GROUP, remaining(group)) }]);
      if (!fresh.length) toast('Those neighbours were already in view.');
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
    if (ov) store.set({ communities: ov.communities ?? [] });
    screen.setDbCounts(ov?.counts ?? {}, ov ? ov.totalEntities === 0 : false);
  }

  return { showOverview, openCommunity, focusNode, expand, findPath, showGraph, restore };
}
export type ExploreActions = ReturnType<typeof exploreActions>;
