// The console's left column: the named queries of queries/ (one click loads and runs one) and the history.
import type { NamedQuery } from '../../../server/api-types.ts';
import { h, clear } from '../dom.ts';
import type { HistoryEntry } from './history.ts';

/** A list of buttons, one per item, or a muted line when there is none. */
function buttonList<T>(list: HTMLElement, items: T[], empty: string, button: (item: T) => HTMLElement): void {
  clear(list);
  if (!items.length) list.append(h('li', { class: 'muted' }, empty));
  for (const item of items) list.append(h('li', {}, button(item)));
}

export function renderSaved(list: HTMLElement, named: NamedQuery[], onPick: (q: NamedQuery) => void): void {
  buttonList(list, named, 'No saved queries in queries/.', (q) =>
    h(
      'button',
      { type: 'button', class: 'saved-query', 'data-query': q.name, title: q.cypher, onclick: (() => onPick(q)) as EventListener },
      h('span', { class: 'saved-name' }, q.name),
      q.description ? h('span', { class: 'saved-desc' }, q.description) : null,
      q.params.length ? h('span', { class: 'saved-params' }, ...q.params.map((p) => h('code', {}, `$${p.name}`))) : null,
    ),
  );
}

export function renderHistory(list: HTMLElement, history: HistoryEntry[], onPick: (x: HistoryEntry) => void): void {
  buttonList(list, history, 'Queries you run appear here.', (x) =>
    h(
      'button',
      { type: 'button', class: 'history-item', title: x.cypher, onclick: (() => onPick(x)) as EventListener },
      h('code', {}, x.cypher.replace(/\s+/g, ' ').slice(0, 90)),
      h('span', { class: 'muted when' }, new Date(x.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })),
    ),
  );
}
