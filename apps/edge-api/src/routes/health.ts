// /health: cheap liveness (no model work), also the benchmark's baseline.
import { Hono } from 'hono/tiny';
import type { AppEnv } from '../env.js';
import { NO_STORE } from '../http/cache.js';
import type { Models } from '../models.js';

export const healthRoutes = (models: Models) =>
  new Hono<AppEnv>().get('/health', (c) => {
    c.header('Cache-Control', NO_STORE);
    return c.json(
      { status: 'ok' as const, models: { vector: models.vector.fingerprint, serial: models.serial.fingerprint } },
      200,
    );
  });
