// The explore sidebar: the legend (one row per type, with its shape, colour and count in view; unticking
// a type hides it), relation filters, the layout switch and the size rule.
import { h, clear } from './dom.ts';
import type { LayoutName, SizeBy, Store } from './state.ts';
import { LEGEND_TYPES, RELATION_TYPES, shapeIcon, typeStyle } from './theme.ts';

export function mountSidebar(root: HTMLElement, deps: { store: Store; onLayout(name: LayoutName): void }) {
  const { store } = deps;
  const legend = h('ul', { class: 'legend', id: 'legend', 'aria-label': 'Entity types' });
  const rels = h('ul', { class: 'rel-filters', id: 'rel-filters', 'aria-label': 'Relation types' });
  const layoutSel = h(
    'select',
    { id: 'layout-select', 'aria-label': 'Layout', title: 'Force-directed; concentric by degree; breadth-first from the selected node' },
    h('option', { value: 'fcose' }, 'Force'),
    h('option', { value: 'concentric' }, 'Concentric'),
    h('option', { value: 'breadthfirst' }, 'Breadth-first'),
  );
  const sizeSel = h(
    'select',
    { id: 'size-select', 'aria-label': 'Node size' },
    h('option', { value: 'mentions' }, 'Mentions'),
    h('option', { value: 'degree' }, 'Degree'),
  );
  const relayout = h('button', { type: 'button', class: 'btn small', id: 'relayout', title: 'Lay the graph out again' }, 'Re-run');
  root.append(
    h('section', { class: 'side-section' }, h('h3', {}, 'Legend'), legend),
    h('section', { class: 'side-section' }, h('h3', {}, 'Relations'), rels),
    h(
      'section',
      { class: 'side-section' },
      h('h3', {}, 'View'),
      h('label', { class: 'field' }, h('span', {}, 'Layout'), h('span', { class: 'row' }, layoutSel, relayout)),
      h('label', { class: 'field' }, h('span', {}, 'Size by'), sizeSel),
    ),
  );
  layoutSel.addEventListener('change', () => {
    store.set({ layout: layoutSel.value as LayoutName });
    deps.onLayout(layoutSel.value as LayoutName);
  });
  relayout.addEventListener('click', () => deps.onLayout(store.get().layout));
  sizeSel.addEventListener('change', () => store.set({ sizeBy: sizeSel.value as SizeBy }));

  function toggle(list: 'hiddenTypes' | 'hiddenRels', value: string, on: boolean) {
    const cur = new Set(store.get()[list]);
    if (on) cur.delete(value);
    else cur.add(value);
    store.set({ [list]: [...cur] } as Partial<ReturnType<Store['get']>>);
  }

  /** Redraw with the counts in view (and in the database, for the legend). */
  function update(inView: Record<string, number>, relsInView: Record<string, number>, inDb: Record<string, number> = {}) {
    const s = store.get();
    clear(legend);
    for (const t of LEGEND_TYPES) {
      const st = typeStyle(t);
      const id = `type-${t}`;
      const cb = h('input', { type: 'checkbox', id, 'data-type': t });
      cb.checked = !s.hiddenTypes.includes(t);
      cb.addEventListener('change', () => toggle('hiddenTypes', t, cb.checked));
      const total = inDb[t];
      legend.append(
        h(
          'li',
          {},
          h(
            'label',
            { for: id, class: 'legend-row' },
            cb,
            shapeIcon(t, 15),
            h('span', { class: 'legend-name' }, st.label),
            h('span', { class: 'legend-count', title: total != null ? `${inView[t] ?? 0} in view of ${total} in the graph` : 'in view' }, total != null ? `${inView[t] ?? 0}/${total}` : String(inView[t] ?? 0)),
          ),
        ),
      );
    }
    clear(rels);
    const present = RELATION_TYPES.filter((r) => relsInView[r] || s.hiddenRels.includes(r));
    if (!present.length) rels.append(h('li', { class: 'muted' }, 'No relations in view yet.'));
    for (const r of present) {
      const id = `rel-${r}`;
      const cb = h('input', { type: 'checkbox', id, 'data-rel': r });
      cb.checked = !s.hiddenRels.includes(r);
      cb.addEventListener('change', () => toggle('hiddenRels', r, cb.checked));
      rels.append(h('li', {}, h('label', { for: id, class: 'legend-row' }, cb, h('span', { class: 'rel-name' }, r.toLowerCase().replace(/_/g, ' ')), h('span', { class: 'legend-count' }, String(relsInView[r] ?? 0)))));
    }
    layoutSel.value = s.layout;
    sizeSel.value = s.sizeBy;
  }
  return { update };
}
