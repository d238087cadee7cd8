// The TF.js backends the trainer runs on in Node, fastest first; `auto` picks the first that starts (node/backend.ts).
export const NODE_BACKENDS = ['tensorflow', 'wasm', 'cpu'] as const;
export const BACKENDS = ['auto', ...NODE_BACKENDS] as const;
export type BackendChoice = (typeof BACKENDS)[number];
