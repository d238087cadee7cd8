// api.html: the edge API's OpenAPI document rendered as a page, from the copy the playground ships (no CDN, no
// renderer library: a document this small needs headings, tables and its own examples, nothing more).
import documentUrl from '@lstm-adder/edge-api/openapi.json?url';
import { byId, h } from '../lib/dom';
import '../styles.css';

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  example?: unknown;
  schema?: Json;
}
interface MediaType {
  schema?: Json;
  example?: unknown;
  examples?: Record<string, { value: unknown }>;
}
interface Response {
  $ref?: string;
  description?: string;
  headers?: Record<string, Json>;
  content?: Record<string, MediaType>;
}
interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, MediaType> };
  responses?: Record<string, Response>;
}
interface OpenApi {
  info: { title: string; summary?: string; description?: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Json>; responses?: Record<string, Response> };
}

const refName = (ref: string) => ref.split('/').pop() ?? ref;
const anchor = (kind: string, name: string) => `${kind}-${name.replace(/[^\w-]/g, '-')}`;

/** Text with `code` spans, as the document's descriptions write them. */
function prose(text: string | undefined): Node[] {
  return (text ?? '').split('`').map((part, k) => (k % 2 ? h('code', {}, part) : document.createTextNode(part)));
}

/** One line saying what a JSON Schema accepts, linking shared schemas. */
function describeSchema(schema: Json | undefined): (Node | string)[] {
  if (!schema) return [];
  if (typeof schema.$ref === 'string') {
    const name = refName(schema.$ref);
    return [h('a', { href: `#${anchor('schema', name)}` }, name)];
  }
  if (Array.isArray(schema.enum)) return [`one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`];
  if (schema.type === 'array') return ['array of ', ...describeSchema(schema.items as Json | undefined)];
  const parts = [String(schema.type ?? 'any')];
  if (schema.pattern) parts.push(`matching ${String(schema.pattern)}`);
  if (schema.maxLength !== undefined) parts.push(`at most ${String(schema.maxLength)} characters`);
  return [parts.join(', ')];
}

const pre = (value: unknown) => h('pre', { class: 'json' }, JSON.stringify(value, null, 2));

function examples(media: MediaType | undefined): Node[] {
  if (!media) return [];
  const named = Object.entries(media.examples ?? {}).map(([name, { value }]) => [name, value] as const);
  if (media.example !== undefined) named.push(['example', media.example]);
  return named.map(([name, value]) => h('details', { class: 'example' }, h('summary', {}, name), pre(value)));
}

function parameters(list: Parameter[] | undefined): Node | null {
  if (!list?.length) return null;
  const rows = list.map((p) =>
    h(
      'tr',
      {},
      h('td', {}, h('code', {}, p.name)),
      h('td', {}, p.in),
      h('td', {}, p.required ? 'yes' : 'no'),
      h('td', {}, ...describeSchema(p.schema)),
      h(
        'td',
        {},
        ...prose(p.description),
        p.example !== undefined ? h('span', { class: 'muted' }, ' e.g. ', h('code', {}, String(p.example))) : '',
      ),
    ),
  );
  const head = h(
    'tr',
    {},
    ...['name', 'in', 'required', 'accepts', 'meaning'].map((t) => h('th', { scope: 'col' }, t)),
  );
  // On a phone the table scrolls sideways: focusable, so the keyboard can scroll it too.
  return h(
    'div',
    { class: 'scroll-x', tabindex: 0, role: 'region', 'aria-label': 'parameters' },
    h('table', { class: 'params' }, h('thead', {}, head), h('tbody', {}, ...rows)),
  );
}

function responses(doc: OpenApi, list: Record<string, Response> | undefined): Node[] {
  return Object.entries(list ?? {}).map(([status, given]) => {
    const response = given.$ref ? (doc.components?.responses?.[refName(given.$ref)] ?? {}) : given;
    const media = response.content?.['application/json'];
    const headers = Object.keys(response.headers ?? {});
    return h(
      'div',
      { class: 'response' },
      h('h4', {}, h('span', { class: 'status' }, status), ' ', response.description ?? ''),
      media?.schema ? h('p', {}, 'Body: ', ...describeSchema(media.schema)) : '',
      headers.length
        ? h('p', {}, 'Headers: ', ...headers.flatMap((name, k) => [k ? ', ' : '', h('code', {}, name)]))
        : '',
      ...examples(media),
    );
  });
}

function operation(doc: OpenApi, method: string, path: string, op: Operation): HTMLElement {
  const title = `${method.toUpperCase()} ${path}`;
  const body = op.requestBody?.content?.['application/json'];
  return h(
    'section',
    {
      class: 'card operation',
      id: anchor('op', op.operationId ?? title),
      'aria-label': title,
      'data-testid': 'operation',
    },
    h('h2', {}, h('code', {}, title), op.summary ? ` ${op.summary}` : ''),
    op.description ? h('p', {}, ...prose(op.description)) : '',
    parameters(op.parameters),
    body
      ? h('div', {}, h('h3', {}, 'Request body'), h('p', {}, ...describeSchema(body.schema)), ...examples(body))
      : '',
    h('h3', {}, 'Responses'),
    ...responses(doc, op.responses),
  );
}

function render(doc: OpenApi): void {
  byId('api-title').textContent = `${doc.info.title} ${doc.info.version}`;
  byId('api-summary').replaceChildren(...prose(doc.info.summary), ' ', ...prose(doc.info.description));
  const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ path, method, op })),
  );
  const toc = h(
    'nav',
    { class: 'card', 'aria-label': 'Routes' },
    h(
      'ul',
      {},
      ...operations.map(({ path, method, op }) =>
        h(
          'li',
          {},
          h(
            'a',
            { href: `#${anchor('op', op.operationId ?? `${method} ${path}`)}` },
            h('code', {}, `${method.toUpperCase()} ${path}`),
          ),
          ` ${op.summary ?? ''}`,
        ),
      ),
    ),
  );
  const shared = Object.entries(doc.components?.schemas ?? {}).map(([name, schema]) =>
    h(
      'details',
      { id: anchor('schema', name), class: 'schema' },
      h('summary', {}, h('code', {}, name), ' ', String(schema.description ?? '')),
      pre(schema),
    ),
  );
  const sharedResponses = Object.entries(doc.components?.responses ?? {}).map(([name, response]) =>
    h(
      'div',
      { class: 'response' },
      h('h4', {}, h('code', {}, name), ' ', response.description ?? ''),
      ...examples(response.content?.['application/json']),
    ),
  );
  const main = byId('reference');
  main.replaceChildren(
    toc,
    ...operations.map(({ path, method, op }) => operation(doc, method, path, op)),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'shared-title' },
      h('h2', { id: 'shared-title' }, 'Shared schemas and responses'),
      ...shared,
      ...sharedResponses,
    ),
  );
  main.removeAttribute('aria-busy');
  byId<HTMLAnchorElement>('api-document').href = documentUrl;
  // Arrived by a link to one route: scroll to it now that it exists.
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
}

fetch(documentUrl)
  .then(async (response) => render((await response.json()) as OpenApi))
  .catch((error: unknown) => {
    const main = byId('reference');
    main.replaceChildren(
      h(
        'p',
        { role: 'alert' },
        `The API document could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
    main.removeAttribute('aria-busy');
  });
