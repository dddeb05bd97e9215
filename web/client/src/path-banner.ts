// The shortest path's banner ("Path · 2 relations: A → B → C", with Clear) and the start a user chose with
// "Path from here…" in the detail panel.
import type { PathResponse } from '../../server/api-types.ts';
import { $, h, clear } from './dom.ts';
import type { GraphView } from './graph/view.ts';

export interface PathBanner {
  show(res: PathResponse): void;
  clear(): void;
  isShown(): boolean;
  from(): string | null;
  setFrom(id: string | null): void;
}

export function mountPathBanner(graph: GraphView): PathBanner {
  const el = $('#path-banner');
  let start: string | null = null;
  const banner: PathBanner = {
    show(res) {
      start = null;
      clear(el);
      el.hidden = false;
      el.append(
        h('strong', {}, `Path · ${res.length} relation${res.length === 1 ? '' : 's'}: `),
        res.nodes.map((n) => n.name).join(' → '),
        h('button', { type: 'button', class: 'btn small', id: 'clear-path', onclick: (() => banner.clear()) as EventListener }, 'Clear (Esc)'),
      );
    },
    clear() {
      graph.clearHighlight();
      el.hidden = true;
    },
    isShown: () => !el.hidden,
    from: () => start,
    setFrom(id) {
      start = id;
    },
  };
  return banner;
}
