// Picks and starts the TF.js backend in Node. `auto`: the native TensorFlow bindings when installed
// (optional dependencies that cannot install without their binary host), else WebAssembly, else plain JS.
import * as tf from '@tensorflow/tfjs-core';
import { createRequire } from 'node:module';
import type { BackendChoice } from '../backends.js';
import { BackendError } from './backend-error.js';

export { BackendError };

export interface BackendInfo {
  name: string;
  reason: string;
}

let gradientsRegistered = false;

/**
 * tfjs-core's Node bundle ships without the gradient registrations (bundlers import them from its ES module files,
 * whose extension-less and directory imports Node's ESM loader cannot resolve). The build bundles them (the import
 * below); run from the TypeScript sources (the tests, the bench), tsx's require hook loads them. Once.
 */
async function registerGradients(): Promise<void> {
  if (gradientsRegistered) return;
  if (import.meta.url.endsWith('.ts'))
    createRequire(import.meta.url)('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  else await import('@tensorflow/tfjs-core/dist/register_all_gradients');
  gradientsRegistered = true;
}

async function tryNative(): Promise<BackendInfo | null> {
  for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
    try {
      await import(pkg);
      if (await tf.setBackend('tensorflow')) return { name: 'tensorflow', reason: `${pkg} is installed` };
    } catch {
      // not installed or its native binary is missing: try the next one
    }
  }
  return null;
}

async function tryWasm(): Promise<boolean> {
  try {
    await import('@tensorflow/tfjs-backend-wasm');
    return await tf.setBackend('wasm');
  } catch {
    return false;
  }
}

async function useCpu(): Promise<void> {
  await import('@tensorflow/tfjs-backend-cpu');
  if (!(await tf.setBackend('cpu'))) throw new Error('the TF.js cpu backend failed to start');
}

/**
 * Starts the backend. `autodiff: false` skips tfjs-core's gradient registrations, which take about as long to load as
 * the rest of TF.js (hundreds of ES module files): the serial recipe computes its own gradients (lstm-grad.ts).
 */
export async function setupBackend(
  choice: BackendChoice,
  { autodiff = true }: { autodiff?: boolean } = {},
): Promise<BackendInfo> {
  tf.env().set('PROD', true); // no per-op NaN checks and no "install tfjs-node" banner before our first line
  if (autodiff) await registerGradients();
  let info: BackendInfo;
  if (choice === 'tensorflow') {
    info =
      (await tryNative()) ??
      fail(
        '--backend tensorflow: neither @tensorflow/tfjs-node-gpu nor @tensorflow/tfjs-node could be loaded ' +
          '(they are optional dependencies; use --backend auto, wasm or cpu)',
      );
  } else if (choice === 'wasm') {
    if (!(await tryWasm())) fail('--backend wasm: @tensorflow/tfjs-backend-wasm failed to start');
    info = { name: 'wasm', reason: 'requested with --backend wasm' };
  } else if (choice === 'cpu') {
    await useCpu();
    info = { name: 'cpu', reason: 'requested with --backend cpu' };
  } else {
    const native = await tryNative();
    if (native) info = native;
    else if (await tryWasm()) {
      info = { name: 'wasm', reason: 'auto: @tensorflow/tfjs-node(-gpu) not installed, WebAssembly backend started' };
    } else {
      await useCpu();
      info = { name: 'cpu', reason: 'auto: neither tfjs-node nor the WebAssembly backend could start' };
    }
  }
  await tf.ready();
  return info;
}

function fail(message: string): never {
  throw new BackendError(message);
}
