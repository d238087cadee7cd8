// The API Worker stays within its size bar, weights and OpenAPI included (the page's assets are uploaded apart).
import { describe, expect, it } from 'vitest';
import { LIMIT_KIB, measureBundle } from '../../scripts/size.js';

describe('API Worker bundle (wrangler deploy --dry-run)', () => {
  const size = measureBundle();

  it(`is at most ${LIMIT_KIB} KiB gzipped`, () => {
    expect(LIMIT_KIB).toBe(40);
    expect(size.gzip).toBeGreaterThan(0);
    expect(size.gzip).toBeLessThanOrEqual(LIMIT_KIB * 1024);
  });

  it('attributes every byte to a part: the packages, the app, the weights and their meta', () => {
    const names = size.parts.map((p) => p.part);
    expect(names).toEqual(
      expect.arrayContaining([
        'hono',
        'valibot',
        '@lstm-adder/core',
        'edge-api app',
        'models: weights',
        'models: meta',
        'OpenAPI document',
      ]),
    );
    const attributed = size.parts.reduce((n, p) => n + p.bytes, 0);
    // Source-map segments cover the whole file but for a few line breaks.
    expect(Math.abs(attributed - size.bytes)).toBeLessThan(size.bytes * 0.01);
    const unmapped = size.parts.find((p) => p.part === 'unmapped')?.bytes ?? 0;
    expect(unmapped).toBeLessThan(size.bytes * 0.02);
  });

  it("carries core's adders but not its prover, nor the certificate: /model reads the proof from the meta", () => {
    expect(size.sources).toContain('packages/core/src/forward.ts');
    expect(size.sources).toContain('packages/core/models/serial.json');
    expect(size.sources.filter((s) => s.startsWith('packages/core/src/proof/') || s.includes('certificate'))).toEqual(
      [],
    );
  });
});
