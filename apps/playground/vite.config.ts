import { defineConfig } from 'vite';

// A static page: `vite build` writes dist/; the API base URL comes from VITE_API_URL (see src/api.ts).
export default defineConfig({
  worker: { format: 'es' },
  build: { target: 'es2022', reportCompressedSize: true },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
