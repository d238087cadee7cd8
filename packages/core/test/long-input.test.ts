// Long sums and huge operands: answers stay exact, a trace stays small, and refusals stay short. The times are the
// benchmark's (npm run bench); these tests hold what does not depend on the machine.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAdder, encodeSerial, forward, parseWeights, toBits } from '../src/index.js';
import { serialWeightsJson, vectorWeightsJson } from './fixtures.js';
import { handmadeSerialWeights } from './handmade-serial.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
/** Bytes held on the JS heap and in array buffers, after a full collection. */
const retained = () => {
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};

const serialWeights = parseWeights(serialWeightsJson());
const serial = createAdder(serialWeights);
const exact = createAdder(parseWeights(handmadeSerialWeights()));
const vector = createAdder(parseWeights(vectorWeightsJson()));
const shippedSerial = parseWeights(
  JSON.parse(readFileSync(fileURLToPath(new URL('../models/serial.json', import.meta.url)), 'utf8')),
);

/** The error `run` throws (the test fails if it throws none). */
function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('a serial sum of a million digits', () => {
  it('is exact with exact weights, one bit per step and one more for the carry', () => {
    const a = `8${'9'.repeat(999_999)}`;
    const b = `1${'7'.repeat(999_999)}`;
    const result = exact.add(a, b);
    const sum = BigInt(a) + BigInt(b);
    expect(result.correct).toBe(true);
    expect(result.sum).toBe(sum);
    expect(result.bits).toBe(sum.toString(2).padStart(BigInt(a).toString(2).length + 1, '0'));
  });
});

describe('the serial adder’s bit string', () => {
  // It is written 30 bits at a time and read as a number up to 53 steps: lengths around both edges, against forward.
  it('equals the plain forward pass’s bits at every length around 30, 53 and 60 steps', () => {
    const next = fc.sample(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), { numRuns: 40, seed: 5 });
    for (const steps of [2, 29, 30, 31, 32, 52, 53, 54, 55, 59, 60, 61, 62]) {
      for (let k = 0; k < 3; k++) {
        const mask = (1n << BigInt(steps - 1)) - 1n;
        const a = ((next[k] as bigint) & mask) | (1n << BigInt(steps - 2)); // exactly steps − 1 bits
        const b = (next[k + 20] as bigint) & mask;
        const ys = forward(serialWeights, encodeSerial(a, b)).outputs.map((y) => y[0]!);
        const got = serial.add(a, b);
        expect(got.bits).toHaveLength(steps);
        const bits = ys.map((y) => (y >= 0.5 ? '1' : '0')).reverse();
        expect(got.bits).toBe(bits.join(''));
        expect(got.sum).toBe(BigInt(`0b${got.bits}`));
      }
    }
  });
});

describe('a serial trace', () => {
  it('holds exactly the forward pass’s gates, states and outputs', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 80n) - 1n }), fc.bigInt({ min: 0n, max: 1000n }), (a, b) => {
        const want = forward(serialWeights, encodeSerial(a, b), { trace: true }).trace!;
        const got = serial.add(a, b, { trace: true }).trace!;
        expect(got.length).toBe(want.length);
        for (const key of ['i', 'f', 'g', 'o', 'c', 'h', 'y'] as const) expect(got[key]).toEqual(want[key]);
      }),
      { numRuns: 20 },
    );
  });

  it('of 10^5 digits takes at most 100 MB with the shipped model: 8·(6H + 1) bytes a step, no object a step', () => {
    const a = '9'.repeat(100_000);
    const adder = createAdder(shippedSerial);
    const before = retained();
    const result = adder.add(a, a, { trace: true });
    const grown = retained() - before;
    const trace = result.trace!;
    const steps = BigInt(a).toString(2).length + 1;
    expect(trace.length).toBe(steps);
    expect(trace.byteLength).toBe(steps * 8 * (6 * shippedSerial.hiddenSize + 1));
    expect(grown).toBeLessThan(100e6);
    expect(grown).toBeGreaterThan(0.9 * trace.byteLength); // the measure sees the trace it holds
    // A step reads as views of the flat arrays, and the answer is the one given without a trace.
    const H = shippedSerial.hiddenSize;
    expect([...trace.step(steps - 1).h]).toEqual([...trace.h.subarray((steps - 1) * H, steps * H)]);
    const plain = adder.add(a, a);
    expect([result.sum === plain.sum, result.bits === plain.bits, result.margin]).toEqual([true, true, plain.margin]);
  });

  it('refuses a step outside it, saying the range', () => {
    const trace = serial.add(5, 3, { trace: true }).trace!;
    expect(() => trace.step(4)).toThrow('step must be an integer from 0 to 3, got 4');
    expect([...trace].map((s) => s.y.length)).toEqual([1, 1, 1, 1]);
  });
});

describe('refusals of huge operands', () => {
  it('quote at most 40 digits of a million-digit vector operand, without parsing it', () => {
    const error = thrown(() => vector.add('9'.repeat(1e6), 1));
    expect(error).toBeInstanceOf(RangeError);
    expect(error.message).toBe(
      `a must be an integer from 0 to 127 for the vector model, got ${'9'.repeat(40)}… (1000000 characters)`,
    );
    expect(thrown(() => vector.add(1, `000${'5'.repeat(50)}`)).message).toMatch(/got 5{40}… \(50 characters\)$/);
    expect(thrown(() => vector.add(1, '0300')).message).toMatch(/got 300$/);
  });

  it('give a huge bigint’s size instead of its digits, and a small one’s digits', () => {
    const huge = 1n << 3_321_928n;
    expect(thrown(() => vector.add(huge, 1)).message).toBe(
      'a must be an integer from 0 to 127 for the vector model, got an integer of 3321929 bits',
    );
    expect(thrown(() => serial.add(1, -huge)).message).toBe(
      'b must be a non-negative integer, got a negative integer of 3321929 bits',
    );
    expect(thrown(() => vector.add(10n ** 60n, 1)).message).toMatch(/got 10{39}… \(61 characters\)$/);
    expect(thrown(() => serial.add(-(10n ** 45n), 1)).message).toMatch(/got -10{38}… \(47 characters\)$/);
    expect(thrown(() => toBits(-huge, 8)).message.length).toBeLessThan(100);
  });
});
