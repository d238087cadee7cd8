// The TF.js backends the trainer runs on; `auto` picks the first that starts. In Node (node/backend.ts): the native
// bindings (optional dependencies), WebAssembly, plain JS. In a browser (the page's training worker), in the page's
// order: WebAssembly, WebGL (first, where a real GPU is reported), plain JS.
export const NODE_BACKENDS = ['tensorflow', 'wasm', 'cpu'] as const;
export const BROWSER_BACKENDS = ['wasm', 'webgl', 'cpu'] as const;
export type BrowserBackend = (typeof BROWSER_BACKENDS)[number];

/** What `--backend` (or TRAIN_BACKEND) accepts. */
export const BACKENDS = ['auto', ...NODE_BACKENDS] as const;
export type BackendChoice = (typeof BACKENDS)[number];
