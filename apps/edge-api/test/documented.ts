// What the OpenAPI document promises each operation can answer: its statuses, and under each error status the error
// codes its schema allows. Tests check real answers against it (conformance), never against the app's own tables.
import document from '../src/openapi/openapi.json';

type Json = Record<string, unknown>;
interface Operation {
  responses: Record<string, Json>;
}
const paths = document.paths as unknown as Record<string, Record<string, Operation>>;
const components = document.components as unknown as { responses: Record<string, Json> };

/** The document's path template that a concrete path matches (`/model/gru` → `/model/{name}`), or null. */
export function templateOf(path: string): string | null {
  for (const template of Object.keys(paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+').replaceAll('.', '\\.')}$`);
    if (pattern.test(path)) return template;
  }
  return null;
}

const resolve = (response: Json): Json =>
  typeof response.$ref === 'string' ? (components.responses[response.$ref.split('/').pop() ?? ''] ?? {}) : response;

/** The codes a response's schema allows (the enum that narrows error.code), or null for a non-error response. */
function allowedCodes(response: Json): string[] | null {
  const schema = (resolve(response).content as Json | undefined)?.['application/json'] as Json | undefined;
  const allOf = (schema?.schema as { allOf?: Json[] } | undefined)?.allOf;
  const narrowed = allOf?.[1] as { properties?: { error?: { properties?: { code?: { enum?: string[] } } } } };
  return narrowed?.properties?.error?.properties?.code?.enum ?? null;
}

/** Status → the error codes documented under it (an empty list for a success status), for one operation. */
export function documented(method: string, path: string): Map<string, string[]> | null {
  const template = templateOf(path);
  const operation = template ? paths[template]?.[method.toLowerCase()] : undefined;
  if (!operation) return null;
  return new Map(
    Object.entries(operation.responses).map(([status, response]) => [status, allowedCodes(response) ?? []]),
  );
}

/**
 * Why an answer is not what the document promises for the request, or null when it is: its status must be listed for
 * the operation, and an error's code among the codes listed under that status. A method the path does not serve, or
 * a path the document does not have, must get the documented 405 or 404.
 */
export function undocumented(method: string, url: string, status: number, code: string | undefined): string | null {
  // The router serves a path with a trailing slash as the path (GET /add/ is GET /add).
  const path = new URL(url, 'http://edge.test').pathname.replace(/(.)\/$/, '$1');
  const statuses = documented(method === 'HEAD' ? 'GET' : method, path);
  const at = `${method} ${path.slice(0, 60)} → ${status} ${code ?? ''}`;
  if (!statuses) {
    const fallback = templateOf(path) ? 'method_not_allowed' : 'not_found';
    return code === fallback ? null : `${at}: expected the documented ${fallback}`;
  }
  const codes = statuses.get(String(status));
  if (!codes) return `${at}: status not documented (documented: ${[...statuses.keys()].join(', ')})`;
  if (status >= 400 && !codes.includes(code ?? '')) return `${at}: code not documented (documented: ${codes})`;
  return null;
}
