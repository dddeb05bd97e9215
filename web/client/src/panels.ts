// The side panels collapse and open again (toolbar buttons ⟨ and ⟩), so a small screen can give the graph
// the room; on a narrow window the legend starts collapsed. The graph is told to resize either way.
import { $ } from './dom.ts';

/** Below this width the legend starts collapsed. */
const NARROW = 900;

export function mountPanelToggles(onResize: () => void): void {
  const toggles: [HTMLElement, string, string, string][] = [
    [$('#btn-toggle-side'), 'side-collapsed', 'legend and filters', '⟨'],
    [$('#btn-toggle-detail'), 'detail-collapsed', 'details panel', '⟩'],
  ];
  const apply = () => {
    for (const [btn, cls, what, closeGlyph] of toggles) {
      const collapsed = document.body.classList.contains(cls);
      btn.setAttribute('aria-expanded', String(!collapsed));
      btn.title = `${collapsed ? 'Show' : 'Hide'} the ${what}`;
      btn.textContent = collapsed ? (closeGlyph === '⟨' ? '⟩' : '⟨') : closeGlyph;
    }
    onResize();
  };
  for (const [btn, cls] of toggles) {
    btn.addEventListener('click', () => {
      document.body.classList.toggle(cls);
      apply();
    });
  }
  if (window.innerWidth < NARROW) document.body.classList.add('side-collapsed');
  apply();
}
