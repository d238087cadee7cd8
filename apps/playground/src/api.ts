// The page's one door to the edge API: Hono's typed client over the Worker's own route types.
import { hc } from 'hono/client';
import type { AppType } from '@lstm-adder/edge-api';
import type { PlaygroundState } from './state';

/**
 * Where the API lives: `?api=` (for tests and demos), else VITE_API_URL at build time, else wrangler dev in
 * development, the page's own origin in production.
 */
export function resolveApiBase(search: string, env: { VITE_API_URL?: string; DEV: boolean }, origin: string): string {
  const override = new URLSearchParams(search).get('api');
  const chosen = override || env.VITE_API_URL || (env.DEV ? 'http://127.0.0.1:8787' : origin);
  return chosen.replace(/\/+$/, '');
}

type Client = ReturnType<typeof hc<AppType>>;
type JsonOf<R> = Extract<Awaited<R>, { status: 200 }> extends { json(): Promise<infer J> } ? J : never;
/** The 200 body of GET /add, as the Worker's route declares it. */
export type AddAnswer = JsonOf<ReturnType<Client['add']['$get']>>;
/** The 200 body of GET /model/{name}; its `meta` is typed by core's ModelMeta. */
export type ModelInfo = JsonOf<ReturnType<Client['model'][':name']['$get']>>;

export type AddOutcome =
  | { kind: 'answer'; answer: AddAnswer }
  | { kind: 'refused'; status: number; code: string; param?: string | null; message: string }
  | { kind: 'unreachable'; url: string; detail: string };

export type ModelOutcome = { kind: 'model'; info: ModelInfo } | Exclude<AddOutcome, { kind: 'answer' }>;

function isErrorBody(body: unknown): body is { error: { code: string; message: string; param?: unknown } } {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

/** How long the page waits for the API before it answers from the shipped weights. */
export const API_TIMEOUT_MS = 10_000;

export function createApi(base: string) {
  const client = hc<AppType>(base);

  async function settle<T>(
    url: string,
    request: () => Promise<Response>,
    accept: (body: unknown) => T,
  ): Promise<T | Exclude<AddOutcome, { kind: 'answer' }>> {
    let response: Response;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      // An API that does not answer is treated as one that cannot be reached: the page answers from the shipped
      // weights rather than wait (a wrangler dev starved of CPU once held a page's first answer for over 60 s).
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${API_TIMEOUT_MS / 1000} s`)), API_TIMEOUT_MS);
      });
      response = await Promise.race([request(), late]);
    } catch (error) {
      return { kind: 'unreachable', url, detail: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (response.ok) return accept(body);
    // Busy (rate limited) or broken: the question was fine, so the shipped weights answer it in the page instead.
    if (response.status === 429 || response.status >= 500) {
      const said = isErrorBody(body) ? `: ${body.error.message}` : '';
      return { kind: 'unreachable', url, detail: `the API answered ${response.status}${said}` };
    }
    if (isErrorBody(body)) {
      const { code, message, param } = body.error;
      return {
        kind: 'refused',
        status: response.status,
        code,
        param: typeof param === 'string' ? param : null,
        message,
      };
    }
    return {
      kind: 'refused',
      status: response.status,
      code: 'http_error',
      param: null,
      message: `The API answered ${response.status} ${response.statusText} without an error message.`,
    };
  }

  return {
    base,
    add(state: PlaygroundState & { model: 'vector' | 'serial' | 'auto' }, trace: boolean): Promise<AddOutcome> {
      const query: { a: string; b: string; model?: 'vector' | 'serial'; trace?: '1' } = { a: state.a, b: state.b };
      if (state.model !== 'auto') query.model = state.model;
      if (trace) query.trace = '1';
      const url = client.add.$url({ query }).toString();
      return settle(
        url,
        () => client.add.$get({ query }),
        (body) => ({ kind: 'answer' as const, answer: body as AddAnswer }),
      );
    },
    /** The model's description with its weights (the page runs them in workers for the maps and statistics). */
    model(name: 'vector' | 'serial'): Promise<ModelOutcome> {
      // `weights` is not in the route's declared types, so the URL is built here and fetched as is.
      const url = client.model[':name'].$url({ param: { name } });
      url.searchParams.set('weights', '1');
      return settle(
        url.toString(),
        () => fetch(url),
        (body) => ({ kind: 'model' as const, info: body as ModelInfo }),
      );
    },
  };
}

export type Api = ReturnType<typeof createApi>;
