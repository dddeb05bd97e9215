// The graph toolbar (start view, fit, undo, clear, path) and the top bar's share link and exports.
import { $ } from './dom.ts';
import type { ExploreActions } from './explore-actions.ts';
import type { ExploreScreen } from './explore-view.ts';
import { exportJson, exportPng } from './graph/export.ts';
import type { PathBanner } from './path-banner.ts';
import type { Store } from './state.ts';
import type { Views } from './views.ts';

export function mountToolbar(deps: {
  store: Store;
  screen: ExploreScreen;
  actions: ExploreActions;
  banner: PathBanner;
  views: Views;
  toast(message: string, kind?: 'info' | 'error'): void;
  fail(err: unknown): void;
}): void {
  const { store, screen, actions, banner, views, toast, fail } = deps;
  const graph = screen.graph;
  $('#btn-overview').addEventListener('click', () => {
    banner.clear();
    store.set({ selection: null });
    void actions.showOverview();
  });
  $('#btn-fit').addEventListener('click', () => graph.fit(true));
  $('#btn-undo').addEventListener('click', () => {
    if (!graph.undo()) toast('Nothing to undo.');
    screen.changed();
  });
  $('#btn-clear').addEventListener('click', () => {
    banner.clear();
    graph.clear();
    store.set({ selection: null });
  });
  $('#btn-path').addEventListener('click', () => {
    const [a, b] = graph.selectedNodeIds();
    if (a && b) void actions.findPath(a, b);
  });
  const onScreen = () => {
    const g = views.currentGraph();
    if (!g || g.isEmpty()) {
      toast('There is no graph on screen to export.', 'error');
      return null;
    }
    return g;
  };
  $('#btn-png').addEventListener('click', () => {
    const g = onScreen();
    if (g) void exportPng(g.cy).catch(fail);
  });
  $('#btn-json').addEventListener('click', () => {
    const g = onScreen();
    if (g) exportJson(g.cy);
  });
  $('#btn-share').addEventListener('click', () => {
    const url = location.href;
    navigator.clipboard?.writeText(url).then(
      () => toast('Link copied: it reopens this view.'),
      () => toast(url),
    ) ?? toast(url);
  });
}
