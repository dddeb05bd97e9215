// Export the graph on screen: a PNG at twice the screen resolution, or JSON with every node's type,
// name, properties and position, and every edge.
import { download } from './dom.ts';
import type { GraphView } from './graph-view.ts';

function stamp(): string {
  return new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
}

export async function exportPng(view: GraphView): Promise<void> {
  const blob = await view.png();
  download(`atlas-graph-${stamp()}.png`, blob);
}

export function exportJson(view: GraphView): void {
  const data = { exportedAt: new Date().toISOString(), source: location.href, ...view.toJSON() };
  download(`atlas-graph-${stamp()}.json`, new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
}
