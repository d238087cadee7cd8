// Types `exports.default` from "cloudflare:workers" in tests as the Worker entry's default export.
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('../src/index.js');
  }
}
