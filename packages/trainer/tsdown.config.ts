// The published build, like core's: JavaScript with its .d.ts. Two bundles:
// - the library entries (`./browser`, `./config`) for bundlers and pages: every dependency stays an import;
// - the Node programs (the lstm-adder-train bin, the `npm run train` script, the verification worker): tfjs-core's
//   gradient registrations are bundled in, since they ship only as ES module files whose extension-less and directory
//   imports Node's ESM loader cannot resolve. vega and vega-lite stay imports, loaded only for a report.
import { defineConfig } from 'tsdown';

const shared = { format: 'esm', target: 'node20', tsconfig: 'tsconfig.build.json', fixedExtension: false } as const;

export default defineConfig([
  {
    ...shared,
    entry: { browser: 'src/browser.ts', config: 'src/config.ts' },
    platform: 'neutral',
    dts: true,
    sourcemap: true,
    clean: true,
  },
  {
    ...shared,
    entry: {
      cli: 'src/cli/index.ts',
      'train-all': 'src/cli/train-all.ts',
      'verify-worker': 'src/node/verify-worker.ts',
    },
    platform: 'node',
    dts: false,
    clean: false,
    deps: { alwaysBundle: [/^@tensorflow\/tfjs-core\/dist\//], onlyBundle: ['@tensorflow/tfjs-core'] },
  },
]);
