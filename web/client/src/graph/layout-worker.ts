// Runs layouts in a Web Worker, so a big view lays out without freezing the page: node boxes (label
// included) and edges in, positions out.
import type { LayoutRequest } from './layout-options.ts';
import { layoutHere } from './layout-run.ts';

self.onmessage = (e: MessageEvent<LayoutRequest>) => {
  (self as unknown as Worker).postMessage(layoutHere(e.data));
};
