import { defineConfig } from 'vite';

// A static page: `vite build` writes dist/. Where it finds the API (see src/api.ts): ?api= at run time,
// else VITE_API_URL at build time, else wrangler dev (port API_PORT, default 8787) in development
// and the page's own origin in a production build.
export default defineConfig(({ command }) => {
  const devApi =
    !process.env.VITE_API_URL && command === 'serve' && process.env.API_PORT
      ? `http://127.0.0.1:${process.env.API_PORT}`
      : null;
  return {
    define: devApi ? { 'import.meta.env.VITE_API_URL': JSON.stringify(devApi) } : {},
    worker: { format: 'es' },
    // The dev server pre-bundles what these import, at start: the workers are reached only through
    // `new URL(…, import.meta.url)`, which its scan does not follow, and a dependency found late reloads the page.
    optimizeDeps: { entries: ['index.html', 'api.html', 'src/**/*.worker.ts'] },
    // Two pages: the playground and the API reference (api.html).
    build: { target: 'es2022', reportCompressedSize: true, rolldownOptions: { input: ['index.html', 'api.html'] } },
    server: { host: '127.0.0.1' },
    preview: { host: '127.0.0.1' },
  };
});
