// The published build: two ESM entries (the model math, and the prover at @lstm-adder/core/proof, so an app that
// only adds does not load it) with their .d.ts and one shared chunk, and source maps that carry the sources (the
// package ships no src/).
import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: { index: 'src/index.ts', proof: 'src/proof/index.ts' },
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  tsconfig: 'tsconfig.build.json',
  dts: true,
  sourcemap: true,
  clean: true,
  outputOptions: { chunkFileNames: 'shared.js' },
});
