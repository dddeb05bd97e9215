// Runs layouts in a Web Worker, so a big view lays out without freezing the page: node boxes (label
// included) and edges in, positions out.
import type { LayoutRequest, LayoutResult } from './layout-options.ts';
import { layoutHere } from './layout-run.ts';

self.onmessage = (e: MessageEvent<LayoutRequest>) => {
  let result: LayoutResult;
  try {
    result = layoutHere(e.data);
  } catch {
    // A layout that fails leaves the nodes where they are; the page must not wait for it forever.
    result = { seq: e.data.seq, positions: {} };
  }
  (self as unknown as Worker).postMessage(result);
};
