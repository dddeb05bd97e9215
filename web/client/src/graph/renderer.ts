// How a view draws: small views with every nicety; big ones (from LARGE_VIEW nodes) cheaply. Measured in
// headless Chromium without a GPU (bench/browser.ts, results in bench/results/): Cytoscape's WebGL renderer
// on a software GL (SwiftShader) is several times slower than the canvas renderer — every frame and every
// hit test (readPixels) goes through the CPU — so WebGL is used only on a hardware GL. Big canvas views
// are drawn in batches by a layer of their own (scene.ts).

/** From this many nodes on, the view draws as a big view. */
export const LARGE_VIEW = 500;

/** Renderer names of GLs that run on the CPU. */
const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software|basic render/i;

let hardwareGl: boolean | null = null;

function detectHardwareGl(): boolean {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return false;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return !SOFTWARE_GL.test(name);
}

/** Whether big views use the WebGL renderer. `atlas.renderer` in localStorage ('webgl' or 'canvas')
 *  overrides the choice (the benchmark measures both). */
export function useWebgl(): boolean {
  const forced = localStorage.getItem('atlas.renderer');
  if (forced === 'canvas') return false;
  if (forced === 'webgl') return !!document.createElement('canvas').getContext('webgl2');
  hardwareGl ??= detectHardwareGl();
  return hardwareGl;
}

/** Cytoscape's rendering options for a view. */
export function rendererOptions(o: { large: boolean; webgl: boolean }): Record<string, unknown> {
  if (!o.large) return { pixelRatio: 'auto', hideEdgesOnViewport: false };
  return {
    pixelRatio: 1,
    hideEdgesOnViewport: true,
    // The canvas renderer's big views are drawn by the scene layer (scene.ts), cheap enough to redraw on
    // every frame: no cached bitmap while the viewport moves.
    textureOnViewport: false,
    motionBlur: false,
    ...(o.webgl ? { renderer: { name: 'canvas', webgl: true } } : {}),
  };
}
