// Tells the page whether WebGL runs on a GPU, from a worker: creating a GL context without one starts a
// software GL (SwiftShader), which held the page for 0.6 s when it was done on the main thread.
const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software|basic render/i;

function probe(): boolean {
  if (typeof OffscreenCanvas === 'undefined') return false;
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return false;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return !SOFTWARE_GL.test(name);
}

let hardware = false;
try {
  hardware = probe();
} catch {
  hardware = false;
}
(self as unknown as Worker).postMessage(hardware);
