// The sidebar's communities (Louvain over co-occurrence and stated relations, computed at ingest): one row
// per main community, named by its strongest members, with how many of them are in view. Clicking the name
// opens the community (its strongest members and their links replace the view); unticking the box hides
// its members (a filter, kept in the link).
import type { CommunityJson } from '../../server/api-types.ts';
import { clear, h } from './dom.ts';
import type { Bus, Store } from './state.ts';

export function mountCommunities(root: HTMLElement, deps: { store: Store; bus: Bus }) {
  const { store, bus } = deps;
  const list = h('ul', { class: 'community-list', id: 'communities', 'aria-label': 'Communities' });
  const section = h('section', { class: 'side-section', hidden: true }, h('h3', {}, 'Communities'), list);
  root.prepend(section);
  let inView: Record<string, number> = {};

  function toggle(id: string, on: boolean) {
    const cur = new Set(store.get().hiddenCommunities);
    if (on) cur.delete(id);
    else cur.add(id);
    store.set({ hiddenCommunities: [...cur] });
  }

  function row(c: CommunityJson, i: number): HTMLElement {
    const s = store.get();
    const cb = h('input', { type: 'checkbox', id: `community-${i}`, 'data-community': c.id, 'aria-label': `Show the members of ${c.name}` });
    cb.checked = !s.hiddenCommunities.includes(c.id);
    cb.addEventListener('change', () => toggle(c.id, cb.checked));
    const open = h(
      'button',
      {
        type: 'button',
        class: 'community-open',
        'data-community': c.id,
        title: `Open this community: its strongest members and their links (${c.size} entities, ${c.mentions} mentions)`,
        'aria-current': s.openCommunity === c.id ? 'true' : null,
        onclick: (() => bus.emit('community:open', { id: c.id })) as EventListener,
      },
      c.name,
    );
    const n = inView[c.id] ?? 0;
    return h('li', { class: 'community-row', 'data-community': c.id }, cb, open, h('span', { class: 'legend-count', title: `${n} in view of ${c.size}` }, `${n}/${c.size}`));
  }

  function render() {
    const { communities } = store.get();
    section.hidden = communities.length === 0;
    clear(list);
    communities.forEach((c, i) => list.append(row(c, i)));
  }

  store.subscribe((s, prev) => {
    if (s.communities !== prev.communities || s.hiddenCommunities !== prev.hiddenCommunities || s.openCommunity !== prev.openCommunity) render();
  });
  render();
  return {
    /** Members in view per community, after the graph changed. */
    update(counts: Record<string, number>) {
      inView = counts;
      render();
    },
  };
}
