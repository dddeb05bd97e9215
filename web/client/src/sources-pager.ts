// Paging through every document that mentions an entity (GET /api/sources/:id): a sort switch (relevance or
// date), "Documents 26–50 of 956" and First / Previous / Next / Last. The detail panel renders each document;
// the pager only fetches pages and swaps them in.
import type { EntityDocument } from '../../server/api-types.ts';
import { api, ApiFailure } from './api.ts';
import { h, clear } from './dom.ts';
import './sources-pager.css';

export const SOURCES_PAGE = 25;

export interface SourcesPagerOptions {
  entityId: string;
  total: number;
  /** The first page, already rendered by the panel (relevance order). */
  first: EntityDocument[];
  render(doc: EntityDocument): HTMLElement;
}

/** Puts the pager into `section`: the documents move into a page list under a navigation bar. */
export function mountSourcesPager(section: HTMLElement, o: SourcesPagerOptions): void {
  const list = h('div', { class: 'source-page', id: 'source-page' });
  const status = h('span', { class: 'pager-status', id: 'sources-range', 'aria-live': 'polite' });
  const btn = (label: string, action: string, title: string) => h('button', { type: 'button', class: 'btn small', 'data-page': action, title }, label) as HTMLButtonElement;
  const first = btn('« First', 'first', 'First page');
  const prev = btn('‹ Prev', 'prev', 'Previous page');
  const next = btn('Next ›', 'next', 'Next page');
  const last = btn('Last »', 'last', 'Last page');
  const sort = h(
    'select',
    { class: 'pager-sort', id: 'sources-sort', 'aria-label': 'Order of the documents' },
    h('option', { value: 'relevance' }, 'Most mentions'),
    h('option', { value: 'date' }, 'Newest'),
  ) as HTMLSelectElement;
  const nav = h('nav', { class: 'sources-pager', 'aria-label': 'Pages of sources' }, sort, first, prev, status, next, last);
  const lastSkip = Math.floor((o.total - 1) / SOURCES_PAGE) * SOURCES_PAGE;
  let skip = 0;
  let seq = 0;

  function show(docs: EntityDocument[]) {
    clear(list);
    for (const d of docs) list.append(o.render(d));
    status.textContent = `Documents ${skip + 1}–${skip + docs.length} of ${o.total}`;
    first.disabled = prev.disabled = skip === 0;
    next.disabled = last.disabled = skip >= lastSkip;
  }

  async function go(to: number) {
    const my = ++seq;
    skip = Math.max(0, Math.min(lastSkip, to));
    status.textContent = 'Loading…';
    try {
      const page = await api.sources(o.entityId, { skip, limit: SOURCES_PAGE, sort: sort.value as 'relevance' | 'date' });
      if (my === seq) show(page.documents);
    } catch (err) {
      if (my === seq) status.textContent = err instanceof ApiFailure || err instanceof Error ? err.message : String(err);
    }
  }

  first.addEventListener('click', () => void go(0));
  prev.addEventListener('click', () => void go(skip - SOURCES_PAGE));
  next.addEventListener('click', () => void go(skip + SOURCES_PAGE));
  last.addEventListener('click', () => void go(lastSkip));
  sort.addEventListener('change', () => void go(0));
  for (const art of [...section.querySelectorAll('article.source')]) art.remove();
  section.append(nav, list);
  show(o.first);
}
