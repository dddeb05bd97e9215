// The timeline strip under the graph: documents per month of their published date (where documents have
// one), with the part that mentions what is in view darker. Dragging across the strip (or clicking one
// month) brushes a range: the view then shows only the nodes with a document in it — documents published
// then and entities they mention — until the range is cleared. The range is kept in the link (`t`).
import type { TimelineResponse } from '../../server/api-types.ts';
import { api } from './api.ts';
import { clear, h } from './dom.ts';
import type { GraphView } from './graph/view.ts';
import type { Store } from './state.ts';
import { brushed, monthBars, monthName, rangeName, type MonthBar } from './timeline-months.ts';

/** Node ids sent with one request (the server's cap). */
const MAX_IDS = 2000;

export function mountTimeline(root: HTMLElement, deps: { store: Store; graph: () => GraphView; fail(err: unknown): void }) {
  const { store } = deps;
  const bars = h('div', { class: 'timeline-bars', id: 'timeline-bars', role: 'group', 'aria-label': 'Documents per month; drag to choose a range' });
  const status = h('span', { class: 'timeline-status muted', id: 'timeline-status', role: 'status' });
  const clearBtn = h('button', { type: 'button', class: 'btn small', id: 'timeline-clear', hidden: true, title: 'Show every date again' }, 'Clear');
  const axis = h('div', { class: 'timeline-axis', 'aria-hidden': 'true' });
  root.append(h('div', { class: 'timeline-head' }, h('span', { class: 'timeline-title' }, 'Published'), status, clearBtn), bars, axis);
  clearBtn.addEventListener('click', () => store.set({ timeRange: null }));

  let shown: MonthBar[] = [];
  let answer: TimelineResponse | null = null;
  let asked = '';
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let drag: { anchor: number; at: number } | null = null;

  function barAt(clientX: number): number {
    const r = bars.getBoundingClientRect();
    const i = Math.floor(((clientX - r.left) / Math.max(1, r.width)) * shown.length);
    return Math.max(0, Math.min(shown.length - 1, i));
  }

  function paintBrush() {
    const range = drag ? brushed(shown, drag.anchor, drag.at) : store.get().timeRange;
    bars.querySelectorAll<HTMLElement>('.tl-bar').forEach((el) => {
      const m = el.dataset['month']!;
      el.classList.toggle('in-range', !!range && m >= range.from && m <= range.to);
    });
    bars.classList.toggle('brushing', !!drag);
  }

  function render() {
    const range = store.get().timeRange;
    shown = monthBars(answer?.months ?? []);
    root.hidden = shown.length === 0;
    clear(bars);
    clear(axis);
    const max = Math.max(1, ...shown.map((b) => b.documents));
    shown.forEach((b, i) => {
      // Square-root heights: a month with 2 documents still shows beside one with 400.
      const all = b.documents ? Math.max(8, Math.round((Math.sqrt(b.documents) / Math.sqrt(max)) * 100)) : 0;
      const mine = b.documents ? Math.round((b.inView / b.documents) * 100) : 0;
      bars.append(
        h(
          'div',
          {
            class: 'tl-bar',
            'data-month': b.month,
            'data-index': i,
            title: `${monthName(b.month)}: ${b.documents} document${b.documents === 1 ? '' : 's'}${b.inView ? `, ${b.inView} about what is in view` : ''}`,
          },
          h('span', { class: 'tl-all', style: `height:${all}%` }, h('span', { class: 'tl-view', style: `height:${mine}%` })),
        ),
      );
    });
    if (shown.length) {
      // Year marks where a year starts, plus both ends.
      const years = shown.map((b, i) => ({ b, i })).filter(({ b, i }) => i === 0 || b.month.endsWith('-01'));
      for (const { b, i } of years.length > 12 ? years.filter((_, k) => k % Math.ceil(years.length / 12) === 0) : years) {
        axis.append(h('span', { class: 'tl-tick', style: `left:${(i / shown.length) * 100}%` }, i === 0 ? monthName(b.month) : b.month.slice(0, 4)));
      }
    }
    const nodes = deps.graph().cy.nodes().length;
    clear(status);
    if (range && answer?.inRange) status.append(`${rangeName(range)} · ${answer.inRange.length} of ${nodes} in view`);
    else if (answer) {
      const dated = shown.reduce((s, b) => s + b.documents, 0);
      status.append(`${dated} dated document${dated === 1 ? '' : 's'}${answer.undated ? ` · ${answer.undated} undated` : ''} — drag to filter`);
    }
    clearBtn.hidden = !range;
    paintBrush();
  }

  /** Ask the server for the counts (and, with a range, which nodes in view have a document in it). */
  async function refresh() {
    const graph = deps.graph();
    const ids = graph.nodeIds().slice(0, MAX_IDS).sort();
    const range = store.get().timeRange;
    const key = JSON.stringify([ids, range]);
    if (key === asked) return;
    asked = key;
    const my = ++seq;
    try {
      const res = await api.timeline(ids, range);
      if (my !== seq) return;
      answer = res;
      const inRange = new Set(res.inRange ?? []);
      graph.setFilters({ outOfTime: new Set(range ? ids.filter((id) => !inRange.has(id)) : []) });
      render();
    } catch (err) {
      asked = '';
      deps.fail(err);
    }
  }

  function schedule(ms = 250) {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), ms);
  }

  bars.addEventListener('pointerdown', (e) => {
    if (!shown.length || e.button !== 0) return;
    e.preventDefault();
    bars.setPointerCapture(e.pointerId);
    const i = barAt(e.clientX);
    drag = { anchor: i, at: i };
    paintBrush();
  });
  bars.addEventListener('pointermove', (e) => {
    if (!drag) return;
    drag.at = barAt(e.clientX);
    paintBrush();
  });
  const finish = (e: PointerEvent) => {
    if (!drag) return;
    drag.at = barAt(e.clientX);
    const range = brushed(shown, drag.anchor, drag.at);
    drag = null;
    store.set({ timeRange: range });
    paintBrush();
  };
  bars.addEventListener('pointerup', finish);
  bars.addEventListener('pointercancel', () => {
    drag = null;
    paintBrush();
  });

  store.subscribe((s, prev) => {
    if (s.timeRange !== prev.timeRange) schedule(0);
  });
  root.hidden = true;
  return {
    /** The view changed: counts and the range filter follow it. */
    changed: () => schedule(),
  };
}
