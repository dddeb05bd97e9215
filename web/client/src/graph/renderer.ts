// How a view draws: small views with every nicety; big ones (from LARGE_VIEW nodes) cheaply. Measured in
// headless Chromium without a GPU (bench/browser.ts, results in bench/results/): Cytoscape's WebGL renderer
// on a software GL (SwiftShader) is several times slower than the canvas renderer — every frame and every
// hit test (readPixels) goes through the CPU — so WebGL is used only on a hardware GL. Big canvas views
// are drawn in batches by a layer of their own (scene.ts).

/** From this many nodes on, the view draws as a big view. */
export const LARGE_VIEW = 500;

let hardwareGl = false;
let probed = false;

/** Starts finding out, in a worker (gl-probe-worker.ts), whether WebGL runs on a GPU. Until it answers,
 *  big views use the canvas renderer. */
export function probeGl(): void {
  if (probed || typeof Worker === 'undefined') return;
  probed = true;
  try {
    const w = new Worker(new URL('./gl-probe-worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<boolean>) => {
      hardwareGl = e.data === true;
      w.terminate();
    };
    w.onerror = () => w.terminate();
  } catch {
    // No worker: no WebGL.
  }
}

/** Whether big views use the WebGL renderer. `atlas.renderer` in localStorage ('webgl' or 'canvas')
 *  overrides the choice (the benchmark measures both). */
export function useWebgl(): boolean {
  const forced = localStorage.getItem('atlas.renderer');
  if (forced === 'canvas') return false;
  if (forced === 'webgl') return !!document.createElement('canvas').getContext('webgl2');
  probeGl();
  return hardwareGl;
}

/** Cytoscape's rendering options for a view. */
export function rendererOptions(o: { large: boolean; webgl: boolean }): Record<string, unknown> {
  if (!o.large) return { pixelRatio: 'auto', hideEdgesOnViewport: false };
  return {
    pixelRatio: 1,
    hideEdgesOnViewport: true,
    // The canvas renderer's big views are drawn by the scene layer (scene.ts), which moves a bitmap while
    // the viewport moves; Cytoscape, drawing only what stands out there, moves its own (as measured).
    textureOnViewport: true,
    motionBlur: false,
    ...(o.webgl ? { renderer: { name: 'canvas', webgl: true } } : {}),
  };
}
