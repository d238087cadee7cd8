// What `wrangler deploy` would upload for the API Worker (the page's static assets are not part of it), measured with
// `wrangler deploy --dry-run`, broken down by part: code by package, the models' weights and their meta, the OpenAPI
// document. Each output byte is attributed to its source through the bundle's source map; a part's gzip is its own
// bytes compressed alone (so the parts' gzip figures add up to more than the bundle's, which shares one dictionary).
// `npm run size` prints a table and the JSON; it exits 1 above LIMIT_KIB gzipped.
import { decode } from '@jridgewell/sourcemap-codec';
import { parseTree, findNodeAtLocation } from 'jsonc-parser';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { APP_DIR, runWrangler } from './wrangler.js';

/** The bar for the whole API Worker, gzipped, weights and OpenAPI included. */
export const LIMIT_KIB = 40;

const REPO = resolve(APP_DIR, '../..');

export interface Part {
  part: string;
  bytes: number;
  gzip: number;
}

export interface BundleSize {
  modules: string[];
  /** The source files the bundle was built from, relative to the repository (from its source maps). */
  sources: string[];
  bytes: number;
  gzip: number;
  limitKiB: number;
  /** What wrangler itself printed ("Total Upload: … / gzip: …"). */
  wrangler: string;
  parts: Part[];
}

const gzipLength = (text: string | Buffer) => gzipSync(text, { level: 9 }).length;

const OPENAPI = 'OpenAPI document';

/** The part a source file belongs to: an npm package by name, core, this app, the OpenAPI document, wrangler's glue. */
function partOf(source: string): string {
  const path = relative(REPO, source).replaceAll('\\', '/');
  if (/openapi/i.test(path) && !path.includes('node_modules/')) return OPENAPI;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (pkg?.[1]) return pkg[1] === 'wrangler' || pkg[1] === 'miniflare' ? 'wrangler glue' : pkg[1];
  if (path.startsWith('packages/core/')) return '@lstm-adder/core';
  if (path.startsWith('apps/edge-api/')) return 'edge-api app';
  return `other (${path.split('/').slice(0, 2).join('/')})`;
}

/** For a model JSON file: where its top-level "meta" value sits, so its bytes count as meta, the rest as weights. */
function metaRange(file: string): [number, number] | undefined {
  const tree = parseTree(readFileSync(file, 'utf8'));
  const meta = tree && findNodeAtLocation(tree, ['meta']);
  return meta ? [meta.offset, meta.offset + meta.length] : undefined;
}

interface SourceMap {
  sources: string[];
  mappings: string;
}

/** Splits the bundle's text among parts, one source-map segment at a time. */
function attribute(code: string, map: SourceMap, outdir: string): Part[] {
  const sources = map.sources.map((s) => resolve(outdir, s));
  const names = sources.map(partOf);
  const isModel = sources.map((s) =>
    /(packages\/core|apps\/edge-api\/src)\/models\/[^/]+\.json$/.test(s.replaceAll('\\', '/')),
  );
  const metas = sources.map((s, k) => (isModel[k] ? metaRange(s) : undefined));
  // Offsets of each generated line, to turn (line, column) into an index in `code`.
  const lineStarts = [0];
  for (let k = code.indexOf('\n'); k !== -1; k = code.indexOf('\n', k + 1)) lineStarts.push(k + 1);
  const text = new Map<string, string[]>();
  const add = (part: string, chunk: string) => (text.get(part) ?? text.set(part, []).get(part)!).push(chunk);
  decode(map.mappings).forEach((segments, line) => {
    const start = lineStarts[line] ?? code.length;
    const end = lineStarts[line + 1] ?? code.length;
    if (segments.length && (segments[0]?.[0] ?? 0) > 0)
      add('unmapped', code.slice(start, start + (segments[0]?.[0] ?? 0)));
    segments.forEach((seg, k) => {
      const from = start + seg[0];
      const to = k + 1 < segments.length ? start + (segments[k + 1]?.[0] ?? 0) : end;
      const chunk = code.slice(from, to);
      if (seg.length < 4) {
        add('unmapped', chunk);
        return;
      }
      const src = seg[1] as number;
      let part = names[src] ?? 'unmapped';
      if (isModel[src]) {
        const range = metas[src];
        // Single-line JSON: the source column is the offset in the file.
        const offset = seg[3] as number;
        part = range && seg[2] === 0 && offset >= range[0] && offset < range[1] ? 'models: meta' : 'models: weights';
      }
      add(part, chunk);
    });
    if (!segments.length) add('unmapped', code.slice(start, end));
  });
  return [...text.entries()]
    .map(([part, chunks]) => ({ part, bytes: Buffer.byteLength(chunks.join('')), gzip: gzipLength(chunks.join('')) }))
    .sort((a, b) => b.bytes - a.bytes);
}

/** Runs `wrangler deploy --dry-run` into a temporary directory and measures what it would upload. */
export function measureBundle(): BundleSize {
  const outdir = mkdtempSync(join(tmpdir(), 'edge-api-bundle-'));
  try {
    const run = runWrangler(['deploy', '--dry-run', '--outdir', outdir]);
    const modules = readdirSync(outdir).filter((f) => !f.endsWith('.map') && f !== 'README.md');
    let bytes = 0;
    let gzip = 0;
    const parts = new Map<string, Part>();
    const sources = new Set<string>();
    for (const file of modules) {
      const code = readFileSync(join(outdir, file), 'utf8');
      bytes += Buffer.byteLength(code);
      gzip += gzipLength(code);
      const map = JSON.parse(readFileSync(join(outdir, `${file}.map`), 'utf8')) as SourceMap;
      for (const source of map.sources) sources.add(relative(REPO, resolve(outdir, source)).replaceAll('\\', '/'));
      for (const p of attribute(code, map, outdir)) {
        const seen = parts.get(p.part);
        parts.set(p.part, seen ? { part: p.part, bytes: seen.bytes + p.bytes, gzip: seen.gzip + p.gzip } : p);
      }
    }
    const wranglerLine = /Total Upload: .*/.exec(run.stdout)?.[0] ?? '(wrangler printed no total)';
    // Listed even when empty, so the table always says how much the OpenAPI document costs.
    if (!parts.has(OPENAPI)) parts.set(OPENAPI, { part: OPENAPI, bytes: 0, gzip: 0 });
    return {
      modules,
      sources: [...sources].sort(),
      bytes,
      gzip,
      limitKiB: LIMIT_KIB,
      wrangler: wranglerLine,
      parts: [...parts.values()].sort((a, b) => b.bytes - a.bytes),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const kib = (n: number) => Number((n / 1024).toFixed(2));

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const size = measureBundle();
  console.table(
    size.parts.map((p) => ({
      part: p.part,
      KiB: kib(p.bytes),
      'gzip KiB (alone)': kib(p.gzip),
      share: `${((100 * p.bytes) / size.bytes).toFixed(1)}%`,
    })),
  );
  console.log(
    `API Worker (${size.modules.join(', ')}): ${kib(size.bytes)} KiB, ${kib(size.gzip)} KiB gzipped ` +
      `(limit ${LIMIT_KIB} KiB); wrangler: ${size.wrangler}`,
  );
  console.log(JSON.stringify(size));
  if (size.gzip > LIMIT_KIB * 1024) {
    console.error(`bundle too large: ${kib(size.gzip)} KiB gzipped > ${LIMIT_KIB} KiB`);
    process.exitCode = 1;
  }
}
