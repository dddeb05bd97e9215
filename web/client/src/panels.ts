// The side panels collapse and open again (toolbar buttons ⟨ and ⟩), so a small screen can give the graph
// the room; on a narrow window the legend starts collapsed, and a window made narrow collapses it too (until
// the user opens or closes it themselves). The graph is told to resize either way.
import { $ } from './dom.ts';

/** Below this width the legend is collapsed unless the user opened it. */
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
  // The user's own choice for the legend wins over the window width from then on.
  let sideChosen = false;
  for (const [btn, cls] of toggles) {
    btn.addEventListener('click', () => {
      if (cls === 'side-collapsed') sideChosen = true;
      document.body.classList.toggle(cls);
      apply();
    });
  }
  let narrow = window.innerWidth < NARROW;
  if (narrow) document.body.classList.add('side-collapsed');
  window.addEventListener('resize', () => {
    const now = window.innerWidth < NARROW;
    if (now === narrow || sideChosen) return;
    narrow = now;
    document.body.classList.toggle('side-collapsed', narrow);
    apply();
  });
  apply();
}
