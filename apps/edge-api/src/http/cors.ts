// CORS for the playground: origins come from the CORS_ORIGINS var (comma-separated), else the Vite dev server.
import type { Context } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from '../env.js';

export const DEFAULT_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'];

const parseOrigins = (list: string) =>
  list
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);

export function corsFor(fixed?: string[]) {
  const allowed = (c: Context<AppEnv>): string[] =>
    fixed ?? (c.env?.CORS_ORIGINS ? parseOrigins(c.env.CORS_ORIGINS) : DEFAULT_ORIGINS);
  return cors({
    origin: (origin, c: Context<AppEnv>) => (allowed(c).includes(origin) ? origin : null),
    allowMethods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'If-None-Match'],
    // Readable by a page on another origin (the playground in development): how long a 429 lasts, the model's time.
    exposeHeaders: ['ETag', 'Retry-After', 'Server-Timing'],
    maxAge: 86400,
  });
}
