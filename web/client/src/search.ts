// The search box: type-ahead over entity names and aliases (full-text index `entity_names`), as an ARIA
// combobox. Arrow keys move, Enter picks, Escape closes; "/" anywhere focuses the box.
import type { SearchHit } from '../../server/api-types.ts';
import { api } from './api.ts';
import { h, clear } from './dom.ts';
import { shapeIcon, typeStyle } from './theme.ts';

export function mountSearch(root: HTMLElement, onPick: (hit: SearchHit) => void): { focus(): void } {
  const input = h('input', {
    id: 'search-input',
    type: 'search',
    placeholder: 'Search people, teams, papers, concepts, models…',
    autocomplete: 'off',
    spellcheck: 'false',
    role: 'combobox',
    'aria-expanded': 'false',
    'aria-controls': 'search-results',
    'aria-autocomplete': 'list',
    'aria-label': 'Search entities',
  });
  const list = h('ul', { id: 'search-results', role: 'listbox', class: 'search-results', hidden: true });
  const kbd = h('kbd', { class: 'search-kbd', 'aria-hidden': 'true' }, '/');
  root.append(h('div', { class: 'search-box' }, input, kbd, list));

  let hits: SearchHit[] = [];
  let active = -1;
  let seq = 0;
  let ctl: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const render = (q: string, message?: string) => {
    clear(list);
    if (message) {
      list.append(h('li', { class: 'search-empty', role: 'presentation' }, message));
    }
    hits.forEach((hit, i) => {
      const st = typeStyle(hit.type);
      const li = h(
        'li',
        {
          id: `search-opt-${i}`,
          role: 'option',
          class: 'search-hit',
          'aria-selected': i === active ? 'true' : 'false',
          'data-id': hit.id,
          onmousedown: ((e: MouseEvent) => {
            e.preventDefault(); // keep focus in the input
            pick(i);
          }) as EventListener,
        },
        h('span', { class: 'search-icon' }, shapeIcon(hit.type, 13)),
        h('span', { class: 'search-name' }, hit.name),
        hit.matchedAlias ? h('span', { class: 'search-alias' }, `“${hit.matchedAlias}”`) : null,
        h('span', { class: 'search-type', style: `color:${st.color}` }, st.label),
        h('span', { class: 'search-count', title: 'mentions' }, String(hit.mentions)),
      );
      list.append(li);
    });
    const open = hits.length > 0 || !!message;
    list.hidden = !open;
    input.setAttribute('aria-expanded', open ? 'true' : 'false');
    if (active >= 0) input.setAttribute('aria-activedescendant', `search-opt-${active}`);
    else input.removeAttribute('aria-activedescendant');
    void q;
  };

  const pick = (i: number) => {
    const hit = hits[i];
    if (!hit) return;
    input.value = hit.name;
    close();
    onPick(hit);
  };

  const run = async (q: string) => {
    const my = ++seq;
    ctl?.abort();
    ctl = new AbortController();
    try {
      const res = await api.search(q, ctl.signal);
      if (my !== seq) return;
      hits = res.hits;
      active = hits.length ? 0 : -1;
      render(q, hits.length ? undefined : `No entity matches “${q}”.`);
    } catch (err) {
      if (my !== seq || (err as Error).message === 'Cancelled.') return;
      hits = [];
      render(q, (err as Error).message);
    }
  };

  input.addEventListener('input', () => {
    const q = input.value.trim();
    clearTimeout(timer);
    if (q.length < 2) {
      hits = [];
      close();
      return;
    }
    timer = setTimeout(() => void run(q), 120);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!hits.length) return;
      e.preventDefault();
      active = (active + (e.key === 'ArrowDown' ? 1 : -1) + hits.length) % hits.length;
      render(input.value);
      document.getElementById(`search-opt-${active}`)?.scrollIntoView({ block: 'nearest' });
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (!list.hidden && active >= 0) pick(active);
      else if (input.value.trim().length >= 2) {
        // Enter before the suggestions arrived: search now and take the best hit.
        clearTimeout(timer);
        void run(input.value.trim()).then(() => pick(0));
      }
    } else if (e.key === 'Escape') {
      if (!list.hidden) {
        e.stopPropagation();
        close();
      } else input.blur();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  input.addEventListener('focus', () => {
    if (hits.length && input.value.trim().length >= 2) render(input.value);
  });

    return {
    // "/" starts a new search: the old text is selected, so typing replaces it.
    focus: () => {
      input.focus();
      input.select();
    },
  };
}
