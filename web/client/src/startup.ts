// Startup and Back/Forward: the URL's state goes into the store, then the explore view is rebuilt from
// it — a shared view's nodes, pins and hidden nodes; or one entity and its neighbourhood; or one edge; or
// the start view. Sets body[data-ready] once the first view is laid out.
import { api } from './api.ts';
import type { ExploreActions } from './explore-actions.ts';
import type { ExploreScreen } from './explore-view.ts';
import type { Bus, Store } from './state.ts';
import { decodeSnapshot } from './url-codec.ts';
import { readUrl, syncUrl, type UrlState } from './url-state.ts';
import type { Views } from './views.ts';

export async function start(deps: { store: Store; bus: Bus; screen: ExploreScreen; actions: ExploreActions; views: Views; fail(err: unknown): void }): Promise<void> {
  const { store, bus, screen, actions, views, fail } = deps;
  const graph = screen.graph;

  function applyUrl(first: boolean): UrlState {
    const u = readUrl(location.search);
    store.set({ view: u.view });
    if (first) {
      store.set({
        hiddenTypes: u.hiddenTypes ?? [],
        hiddenRels: u.hiddenRels ?? [],
        hiddenCommunities: u.hiddenCommunities ?? [],
        timeRange: u.timeRange ?? null,
        layout: u.layout ?? 'fcose',
        sizeBy: u.sizeBy ?? 'mentions',
        graphCode: u.graph ?? '',
      });
    }
    if (u.doc && u.doc !== store.get().doc) bus.emit('document:open', { id: u.doc, entity: u.entity });
    if (!u.doc && store.get().doc) bus.emit('document:close', {});
    if (first && u.view === 'query' && u.q) {
      const { q, params } = u;
      void views.getConsole().then((c) => c.load(q, params ?? {}), fail);
    }
    return u;
  }

  views.apply();
  const u = applyUrl(true);
  syncUrl(store);
  window.addEventListener('popstate', () => applyUrl(false));
  const snapshot = u.graph ? await decodeSnapshot(u.graph) : null;
  try {
    if (snapshot && snapshot.nodes.length) {
      await actions.restore(snapshot);
      const sel = u.entity ?? u.edge;
      if (sel && graph.has(sel)) {
        graph.select(sel);
        store.set({ selection: { kind: u.entity ? 'node' : 'edge', id: sel } });
      }
    } else if (u.entity) {
      // A link to one entity: it and its neighbourhood.
      await actions.focusNode(u.entity, { expandIfNew: true });
      await graph.runLayout(store.get().layout, { animate: false });
      graph.select(u.entity);
      const ov = await api.overview(1).catch(() => null);
      if (ov) {
        store.set({ communities: ov.communities ?? [] });
        screen.setDbCounts(ov.counts, ov.totalEntities === 0);
      }
    } else if (u.edge) {
      const d = await api.edge(u.edge);
      await graph.replace({ nodes: [d.source, d.target], edges: [d.edge] });
      graph.select(u.edge);
      store.set({ selection: { kind: 'edge', id: u.edge } });
      screen.changed();
    } else {
      await actions.showOverview();
    }
  } catch (err) {
    fail(err);
    await actions.showOverview();
  }
  document.body.dataset['ready'] = 'true';
}
