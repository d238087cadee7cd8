// The page's one door to the edge API: Hono's typed client over the Worker's own route types.
import { hc } from 'hono/client';
import type { AppType } from '@lstm-adder/edge-api';
import type { PlaygroundState } from './state';

/** Where the API lives: `?api=` (for tests and demos), else VITE_API_URL at build time, else wrangler dev in development, same origin in production. */
export function resolveApiBase(search: string, env: { VITE_API_URL?: string; DEV: boolean }, origin: string): string {
  const override = new URLSearchParams(search).get('api');
  const chosen = override || env.VITE_API_URL || (env.DEV ? 'http://127.0.0.1:8787' : origin);
  return chosen.replace(/\/+$/, '');
}

type Client = ReturnType<typeof hc<AppType>>;
type JsonOf<R> = Extract<Awaited<R>, { status: 200 }> extends { json(): Promise<infer J> } ? J : never;
/** The 200 body of GET /add, as the Worker's route declares it. */
export type AddAnswer = JsonOf<ReturnType<Client['add']['$get']>>;
/** The 200 body of GET /model/{name}. */
export type ModelInfo = JsonOf<ReturnType<Client['model'][':name']['$get']>>;

export type AddOutcome =
  | { kind: 'answer'; answer: AddAnswer }
  | { kind: 'refused'; status: number; code: string; message: string }
  | { kind: 'unreachable'; url: string; detail: string };

export type ModelOutcome = { kind: 'model'; info: ModelInfo } | Exclude<AddOutcome, { kind: 'answer' }>;

/** Digits above which the API refuses trace=1 (it would run to megabytes); apps/edge-api's TRACE_MAX_DIGITS. */
export const TRACE_MAX_DIGITS = 64;

function isErrorBody(body: unknown): body is { error: { code: string; message: string } } {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

export function createApi(base: string) {
  const client = hc<AppType>(base);

  async function settle<T>(url: string, request: () => Promise<Response>, accept: (body: unknown) => T): Promise<T | Exclude<AddOutcome, { kind: 'answer' }>> {
    let response: Response;
    try {
      response = await request();
    } catch (error) {
      return { kind: 'unreachable', url, detail: error instanceof Error ? error.message : String(error) };
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (response.ok) return accept(body);
    if (isErrorBody(body)) return { kind: 'refused', status: response.status, code: body.error.code, message: body.error.message };
    return { kind: 'refused', status: response.status, code: 'http_error', message: `The API answered ${response.status} ${response.statusText} without an error message.` };
  }

  return {
    base,
    add(state: PlaygroundState, trace: boolean): Promise<AddOutcome> {
      const query: { a: string; b: string; model?: 'vector' | 'serial'; trace?: '1' } = { a: state.a, b: state.b };
      if (state.model !== 'auto') query.model = state.model;
      if (trace) query.trace = '1';
      const url = client.add.$url({ query }).toString();
      return settle(url, () => client.add.$get({ query }), (body) => ({ kind: 'answer' as const, answer: body as AddAnswer }));
    },
    model(name: 'vector' | 'serial'): Promise<ModelOutcome> {
      const route = client.model[':name'];
      return settle(route.$url({ param: { name } }).toString(), () => route.$get({ param: { name } }), (body) => ({ kind: 'model' as const, info: body as ModelInfo }));
    },
  };
}

export type Api = ReturnType<typeof createApi>;
