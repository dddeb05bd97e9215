// Work on a big view spread over frames, a chunk a frame, so that no single task holds the page: Cytoscape
// styles each element it is given, and recomputes each moved node's edges, about 0.2 ms an element on two
// busy cores. A frame that never comes (a background tab) does not stall the work.

export function nextFrame(): Promise<void> {
  return new Promise<void>((resolve) => {
    const t = setTimeout(resolve, 100);
    requestAnimationFrame(() => {
      clearTimeout(t);
      resolve();
    });
  });
}

/** Run `fn` on `items` in chunks of `size`, one chunk a frame (the first at once). Stops, returning false,
 *  as soon as `alive()` is false before a chunk. */
export async function inChunks<T>(items: readonly T[], size: number, fn: (chunk: T[]) => void, alive: () => boolean): Promise<boolean> {
  for (let i = 0; i < items.length; i += size) {
    if (i) await nextFrame();
    if (!alive()) return false;
    fn(items.slice(i, i + size));
  }
  return true;
}
