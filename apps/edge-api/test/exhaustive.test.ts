// The API returns exactly what core's adders compute: all 16,384 vector pairs, and random long serial sums.
// The reference adders are built here from the committed JSON, independently of the app's loader.
import { createAdder, mulberry32, parseWeights, randomBigInt } from '@lstm-adder/core';
import serialJson from '@lstm-adder/core/models/serial.json';
import vectorJson from '@lstm-adder/core/models/vector.json';
import { describe, expect, it } from 'vitest';
import type { AddAnswer } from '../src/app.js';
import { get, post } from './helpers.js';

const vector = createAdder(parseWeights(vectorJson));
const serial = createAdder(parseWeights(serialJson));

async function batch(model: 'vector' | 'serial', pairs: { a: string; b: string }[]): Promise<AddAnswer[]> {
  const res = await post(`/add?model=${model}`, { pairs });
  expect(res.status).toBe(200);
  const { results } = (await res.json()) as { results: AddAnswer[] };
  expect(results).toHaveLength(pairs.length);
  return results;
}

describe('vector model: every pair 0..127 × 0..127 through POST /add', () => {
  it('returns core’s sum, bits and margin, and `correct` says whether the sum is right', async () => {
    const all = Array.from({ length: 128 * 128 }, (_, k) => ({ a: String(k >> 7), b: String(k & 127) }));
    let checked = 0;
    let right = 0;
    let rightByCore = 0;
    for (let start = 0; start < all.length; start += 1000) {
      const pairs = all.slice(start, start + 1000);
      const results = await batch('vector', pairs);
      results.forEach((r, k) => {
        const a = Number(pairs[k]?.a);
        const b = Number(pairs[k]?.b);
        const expected = vector.add(a, b);
        if (
          r.a !== String(a) ||
          r.b !== String(b) ||
          r.sum !== expected.sum.toString() ||
          r.bits.sum !== expected.bits ||
          r.margin !== expected.margin ||
          r.correct !== (expected.sum === BigInt(a + b)) ||
          r.model !== 'vector'
        ) {
          expect.fail(
            `pair ${a} + ${b}: got ${JSON.stringify(r)}, core says sum ${expected.sum} bits ${expected.bits}`,
          );
        }
        checked++;
        if (r.correct) right++;
        if (expected.sum === BigInt(a + b)) rightByCore++;
      });
    }
    expect(checked).toBe(16_384);
    expect(right).toBe(rightByCore);
    expect(right).toBe(16_384); // the shipped vector model is verified exact on every pair
  });
});

describe('serial model: long operands', () => {
  const next = mulberry32(20260426);
  const decimal = (digits: number) => {
    let s = String(1 + (next() % 9));
    while (s.length < digits) s += String(next() % 10);
    return s;
  };

  it('random 64-bit pairs (a batch of 1,000) match core and arithmetic', async () => {
    const pairs = Array.from({ length: 1000 }, () => ({
      a: randomBigInt(next, 64).toString(),
      b: randomBigInt(next, 64).toString(),
    }));
    const results = await batch('serial', pairs);
    results.forEach((r, k) => {
      const { a, b } = pairs[k] as { a: string; b: string };
      const expected = serial.add(a, b);
      expect(r.sum).toBe(expected.sum.toString());
      expect(r.sum).toBe((BigInt(a) + BigInt(b)).toString()); // the shipped serial model is proven exact
      expect(r.bits.sum).toBe(expected.bits);
      expect(r.bits.a).toBe(BigInt(a).toString(2).padStart(expected.bits.length, '0'));
      expect(r.correct).toBe(expected.sum === BigInt(a) + BigInt(b));
    });
  });

  it('random 1,000-digit pairs via GET and POST match core and arithmetic', async () => {
    const pairs = Array.from({ length: 8 }, () => ({ a: decimal(1000), b: decimal(1000) }));
    const results = await batch('serial', pairs);
    for (const [k, pair] of pairs.entries()) {
      const expected = serial.add(pair.a, pair.b);
      const viaGet = (await (await get(`/add?a=${pair.a}&b=${pair.b}`)).json()) as AddAnswer;
      for (const r of [results[k], viaGet]) {
        expect(r?.model).toBe('serial');
        expect(r?.sum).toBe(expected.sum.toString());
        expect(r?.sum).toBe((BigInt(pair.a) + BigInt(pair.b)).toString());
        expect(r?.bits.sum).toHaveLength(expected.bits.length);
        expect(r?.correct).toBe(expected.sum === BigInt(pair.a) + BigInt(pair.b));
      }
    }
  });
});
