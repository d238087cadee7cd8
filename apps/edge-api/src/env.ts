// The Hono environment: Worker bindings (wrangler.jsonc "vars").
export interface Bindings {
  /** Comma-separated browser origins allowed by CORS; unset means the playground's dev server. */
  CORS_ORIGINS?: string;
}

export interface AppEnv {
  Bindings: Bindings;
}
