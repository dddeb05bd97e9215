// The two views, Explore and Query, as tabs; the console (CodeMirror and the Cypher grammar, most of the
// code) loads the first time the Query view opens.
import { $ } from './dom.ts';
import type { mountConsole } from './console/index.ts';
import type { GraphView } from './graph/view.ts';
import type { Bus, Store } from './state.ts';

export type ConsoleApi = ReturnType<typeof mountConsole>;

export function mountViews(deps: { store: Store; bus: Bus; graph: GraphView; fail(err: unknown): void }) {
  const { store, bus, graph } = deps;
  let cypherConsole: ConsoleApi | null = null;
  let loading: Promise<ConsoleApi> | null = null;
  const getConsole = (): Promise<ConsoleApi> => {
    loading ??= import('./console/index.ts').then((m) => {
      cypherConsole = m.mountConsole($('#query'), { store, bus, side: $('#query-side') });
      return cypherConsole;
    });
    return loading;
  };

  const tabExplore = $('#tab-explore');
  const tabQuery = $('#tab-query');
  function apply() {
    const v = store.get().view;
    $('#explore').hidden = v !== 'explore';
    $('#explore-side').hidden = v !== 'explore';
    $('#query').hidden = v !== 'query';
    $('#query-side').hidden = v !== 'query';
    tabExplore.setAttribute('aria-selected', String(v === 'explore'));
    tabQuery.setAttribute('aria-selected', String(v === 'query'));
    document.body.dataset['view'] = v;
    if (v === 'query') void getConsole().then((c) => c.activate(), deps.fail);
    else graph.resize();
  }
  tabExplore.addEventListener('click', () => store.set({ view: 'explore' }));
  tabQuery.addEventListener('click', () => store.set({ view: 'query' }));
  store.subscribe((s, prev) => {
    if (s.view !== prev.view) apply();
  });

  return {
    apply,
    getConsole,
    /** The graph on screen: the explore view's, or the query result's when it shows as a graph. */
    currentGraph: (): GraphView | null => (store.get().view === 'query' ? (cypherConsole?.graph() ?? null) : graph),
    resultGraph: (): GraphView | null => cypherConsole?.graph() ?? null,
  };
}
export type Views = ReturnType<typeof mountViews>;
