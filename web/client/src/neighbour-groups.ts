// The detail panel's list of an expanded node's neighbours by kind ("412 documents about this · 8 in
// view"), each with its own "Show more".
import { h } from './dom.ts';
import { groupPhrase, MORE_PER_GROUP, remaining, type GroupState } from './expand-groups.ts';
import type { Bus } from './state.ts';
import { shapeIcon } from './theme.ts';

export function neighbourGroups(nodeId: string, groups: GroupState[], bus: Bus): HTMLElement | null {
  if (!groups.length) return null;
  return h(
    'ul',
    { class: 'neighbour-groups', id: 'neighbour-groups', 'aria-label': 'Neighbours by kind' },
    ...groups.map((g) => {
      const left = remaining(g);
      return h(
        'li',
        { class: 'neighbour-group', 'data-group': g.key },
        shapeIcon(g.type, 12),
        h('span', { class: 'group-phrase' }, groupPhrase(g, g.count)),
        h('span', { class: 'muted group-loaded' }, left ? `${g.loaded} in view` : 'all in view'),
        left
          ? h(
              'button',
              {
                type: 'button',
                class: 'btn small',
                'data-action': 'more-group',
                title: `Add ${Math.min(MORE_PER_GROUP, left)} more of these ${left}`,
                onclick: (() => bus.emit('entity:expand', { id: nodeId, more: true, group: g.key })) as EventListener,
              },
              `+ ${Math.min(MORE_PER_GROUP, left)} more`,
            )
          : null,
      );
    }),
  );
}
