// Starts a TF.js backend inside the training worker. wasm (SIMD, no threads) is the default: measured on a
// 2-core machine it trains the serial model fastest. WebGL only where a real GPU is reported (SwiftShader,
// the software fallback of a GPU-less Chromium, is 10–20× slower per step); cpu (plain JS) as the fallback.
import * as tf from '@tensorflow/tfjs-core';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendChoice, BackendInfo } from './protocol';

/** The GPU the browser reports for WebGL, or null when there is none (or only a software renderer). */
export function realGpu(): string | null {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2') ?? new OffscreenCanvas(1, 1).getContext('webgl');
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer) ? null : renderer;
  } catch {
    return null;
  }
}

/** Loads a backend's module (and readies it), then asks TF.js to switch to it; false when it cannot start. */
async function tryBackend(name: string, load: () => Promise<unknown>): Promise<boolean> {
  try {
    await load();
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

const STARTERS = {
  wasm: () =>
    tryBackend('wasm', async () => {
      const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
      // Before setBackend: the backend fetches its binary when it starts. Vite serves the ?url files as
      // application/wasm.
      setWasmPaths({
        'tfjs-backend-wasm.wasm': wasmPlain,
        'tfjs-backend-wasm-simd.wasm': wasmSimd,
        'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
      });
    }),
  webgl: () => tryBackend('webgl', () => import('@tensorflow/tfjs-backend-webgl')),
  cpu: () => tryBackend('cpu', () => import('@tensorflow/tfjs-backend-cpu')),
} as const;

export async function startBackend(choice: BackendChoice): Promise<BackendInfo> {
  tf.env().set('PROD', true); // no per-op NaN checks
  const tried: string[] = [];
  const attempt = async (name: keyof typeof STARTERS, reason: string): Promise<BackendInfo | null> => {
    if (await STARTERS[name]()) {
      await tf.ready();
      return { name, reason };
    }
    tried.push(name);
    return null;
  };
  if (choice !== 'auto') {
    const started = await attempt(choice, `asked for with backend=${choice}`);
    if (started) return started;
  } else {
    const gpu = realGpu();
    const started =
      (gpu && (await attempt('webgl', `a GPU is reported (${gpu})`))) ||
      (await attempt(
        'wasm',
        gpu
          ? 'WebGL failed to start'
          : 'no GPU is reported (or only a software renderer): WebAssembly with SIMD is fastest here',
      )) ||
      null;
    if (started) return started;
  }
  const fallback = await attempt('cpu', `fallback: ${tried.join(' and ')} failed to start`);
  if (fallback) return fallback;
  throw new Error(`no TF.js backend could start (tried ${[...tried].join(', ')})`);
}
