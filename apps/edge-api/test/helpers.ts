// Shared test fixtures: the app built from the committed models (as the Worker does), and request helpers.
import serialJson from '@lstm-adder/core/models/serial.json';
import vectorJson from '../src/models/vector.json'; // the Worker's (src/index.ts): what ships is what is tested
import { createApp } from '../src/app.js';
import * as v from 'valibot';
import type { ErrorBody } from '../src/errors.js';
import { errorBody } from '../src/openapi/responses.js';
import { loadModels } from '../src/models.js';

export const models = loadModels({ vector: vectorJson, serial: serialJson });
export const app = createApp({ models });

/** The method and URL of the last request sent with the helpers below (to check its answer against the document). */
export let lastRequest = { method: '', url: '' };

/** app.request, remembered in lastRequest. */
export const send = async (url: string, init: RequestInit = {}): Promise<Response> => {
  lastRequest = { method: init.method ?? 'GET', url };
  return app.request(url, init);
};

export const get = async (url: string, headers: Record<string, string> = {}): Promise<Response> =>
  send(url, { headers });

export const post = async (
  url: string,
  body: unknown,
  headers: Record<string, string> = { 'Content-Type': 'application/json' },
): Promise<Response> =>
  send(url, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers });

/** Whether a value has exactly the error shape { error: { code, message, param } }, with a known code. */
export const isErrorBody = (value: unknown): value is ErrorBody => v.is(errorBody, value);
