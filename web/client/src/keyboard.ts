// Keyboard shortcuts: "/" search, Escape clears the path or the selection; in the graph F/0 fit, + and -
// zoom, E/Enter expand, H/Delete hide, P pin, C collapse, Ctrl/Cmd+Z undo.
import type { ExploreActions } from './explore-actions.ts';
import type { ExploreScreen } from './explore-view.ts';
import type { PathBanner } from './path-banner.ts';
import type { Bus, Store } from './state.ts';

const typing = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName) || !!t.closest('.cm-editor'));

export function bindKeyboard(deps: { store: Store; bus: Bus; screen: ExploreScreen; actions: ExploreActions; banner: PathBanner; focusSearch(): void }): void {
  const { store, bus, screen, actions, banner } = deps;
  const graph = screen.graph;
  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented) return;
    if (e.key === '/' && !typing(e.target)) {
      e.preventDefault();
      deps.focusSearch();
      return;
    }
    if (e.key === 'Escape') {
      if (typing(e.target)) return;
      if (banner.isShown()) banner.clear();
      else if (store.get().selection) store.set({ selection: null });
      return;
    }
    if (typing(e.target) || store.get().view !== 'explore' || e.altKey) return;
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      graph.undo();
      screen.changed();
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
        if (nodeId) void actions.expand(nodeId);
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
}
