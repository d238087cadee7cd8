// The prover, the falsifier and the certificate checker, on models whose truth is known independently: a model
// stopped after 2 epochs (3 + 3 is wrong), the model shipped before proofs (wrong on 16321 + 8223, found by hand
// from the pattern of its drifting carry), a model trained with a proof as its stop (exact.json), and that model
// shrunk by 0.7 (wrong on 11-bit sums). Every counterexample is re-checked here with plain bigint arithmetic.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createAdder,
  encodeSerial,
  forward,
  mulberry32,
  parseWeights,
  randomBigInt,
  type Weights,
} from '../src/index.js';
import {
  cellOfState,
  certifiedCells,
  checkCertificate,
  findCounterexample,
  principalAxes,
  proveSerial,
  proveVector,
  type SerialCertificate,
} from '../src/proof/index.js';
import { vectorWeightsJson } from './fixtures.js';

const fixture = (name: string): Weights =>
  parseWeights(JSON.parse(readFileSync(new URL(`./fixtures/proof/${name}.json`, import.meta.url), 'utf8')));
const shipped = (arch: string): Weights =>
  parseWeights(JSON.parse(readFileSync(new URL(`../models/${arch}.json`, import.meta.url), 'utf8')));

/** The weights with every number of the LSTM and the dense layer multiplied by `factor`. */
function scaled(w: Weights, factor: number): Weights {
  const copy = structuredClone(w);
  const scale = (m: number[][] | number[]) => {
    m.forEach((row, r) => {
      if (Array.isArray(row)) {
        for (let c = 0; c < row.length; c++) row[c] = (row[c] as number) * factor;
      } else (m as number[])[r] = row * factor;
    });
  };
  for (const g of ['i', 'f', 'g', 'o'] as const) {
    scale(copy.lstm[g].U);
    scale(copy.lstm[g].V);
    scale(copy.lstm[g].b);
  }
  scale(copy.dense.W);
  scale(copy.dense.b);
  return copy;
}

/** A counterexample is wrong by arithmetic, not by the code that found it. */
function expectReallyWrong(w: Weights, found: { a: string; b: string } | null | undefined): void {
  expect(found).toBeTruthy();
  const a = BigInt(found!.a);
  const b = BigInt(found!.b);
  expect(createAdder(w).add(a, b).sum).not.toBe(a + b);
}

describe('findCounterexample', () => {
  it('finds that the 2-epoch model is wrong', () => {
    const w = fixture('two-epochs');
    expect(createAdder(w).add(3, 3).sum).not.toBe(6n);
    expectReallyWrong(w, findCounterexample(w));
  });

  it('finds the drifting carry of the model shipped before proofs, which 40,200 random sums did not', () => {
    const w = fixture('drifting-carry');
    expect(createAdder(w).add(16321n, 8223n).sum).toBe(32736n); // the case, wrong: 24544 is right
    expectReallyWrong(w, findCounterexample(w, { beam: 500 }));
  });

  it('finds nothing wrong in the exact model', () => {
    expect(findCounterexample(fixture('exact'), { depth: 64 })).toBeNull();
  });
});

describe('proveSerial', () => {
  it('refutes wrong models with counterexamples that are really wrong', () => {
    for (const w of [fixture('two-epochs'), fixture('drifting-carry'), scaled(fixture('exact'), 0.7)]) {
      const proof = proveSerial(w, { seconds: 10 });
      expect(proof.proven).toBe(false);
      expect(proof.method).toBe('counterexample');
      expectReallyWrong(w, proof.counterexample);
    }
  });

  it('does not prove a wrong model even when it skips the falsifier', () => {
    const proof = proveSerial(fixture('drifting-carry'), { falsify: false, seconds: 10 });
    expect(proof.proven).toBe(false);
    expect(proof.certificate).toBeUndefined();
  });

  it('proves the exact model, with a certificate the checker accepts', () => {
    const w = fixture('exact');
    const proof = proveSerial(w);
    expect(proof).toMatchObject({ proven: true, method: 'cells' });
    expect(proof.cells).toBe(proof.cellsByCarry[0] + proof.cellsByCarry[1]);
    expect(proof.minLogit).toBeGreaterThan(0);
    const check = checkCertificate(w, proof.certificate);
    expect(check).toMatchObject({ valid: true, reason: null, cells: proof.cells });
    expect(check.minLogit).toBe(proof.minLogit);
    // The automaton: from each carry, each input's sum bit and carry out, every margin positive and the least one the
    // proof's; the checker finds the same margins.
    expect(proof.edges?.map(({ carry, a, b, sum, carryOut }) => [carry, a, b, sum, carryOut])).toEqual(
      [0, 1].flatMap((carry) =>
        [0, 1].flatMap((a) => [0, 1].map((b) => [carry, a, b, (a + b + carry) % 2, a + b + carry >= 2 ? 1 : 0])),
      ),
    );
    expect(Math.min(...proof.edges!.map((e) => e.minLogit))).toBe(proof.minLogit);
    expect(check.edges).toEqual(proof.edges);
  });

  it('reports progress while it explores', () => {
    const reports: number[] = [];
    proveSerial(fixture('exact'), { onProgress: (p) => reports.push(p.explored) });
    expect(reports.length).toBeGreaterThan(0);
    expect(reports).toEqual([...reports].sort((x, y) => x - y));
  });
});

describe('the certificate', () => {
  const w = fixture('exact');
  const proof = proveSerial(w);
  const certificate = proof.certificate as SerialCertificate;

  it('holds the states core computes, in cells of their true carry', () => {
    const [carry0, carry1] = certifiedCells(certificate, w.hiddenSize);
    const D = 2 * w.hiddenSize;
    const sets = [carry0, carry1].map((list) => {
      const keys = new Set<string>();
      for (let o = 0; o < list.length; o += D) keys.add(Array.from(list.subarray(o, o + D)).join(','));
      return keys;
    });
    const next = mulberry32(7);
    let checked = 0;
    for (let s = 0; s < 40; s++) {
      const a = randomBigInt(next, 300);
      const b = s % 2 ? randomBigInt(next, 300) : (1n << 300n) - 1n - a; // every other sum a long carry chain
      const steps = encodeSerial(a, b);
      const { trace } = forward(w, steps, { trace: true });
      let carry = 0;
      steps.forEach(([x, y], t) => {
        carry = (x! + y! + carry) >> 1;
        if ((t + 1) % certificate.words !== 0) return; // the invariant holds between words
        const step = trace!.step(t);
        const cell = cellOfState(certificate.grid, [...step.h, ...step.c]).join(',');
        expect(sets[carry]!.has(cell), `state after step ${t + 1} of ${a} + ${b}`).toBe(true);
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it('is refused with one cell removed', () => {
    const [carry0] = certifiedCells(certificate, w.hiddenSize);
    const D = 2 * w.hiddenSize;
    const fewer = new Int16Array(carry0.subarray(D)); // the first cell gone
    const bytes = new Uint8Array(fewer.buffer);
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    const tampered = { ...certificate, cells: [btoa(binary), certificate.cells[1]], splits: [] };
    const check = checkCertificate(w, tampered);
    expect(check.valid).toBe(false);
    expect(check.reason).toMatch(/not a certified cell/);
  });

  it('is refused for other weights, or when it is not a certificate', () => {
    expect(checkCertificate(scaled(w, 1.001), certificate)).toMatchObject({
      valid: false,
      reason: 'the certificate is for other weights',
    });
    expect(checkCertificate(w, { ...certificate, words: 0 }).valid).toBe(false);
    expect(checkCertificate(w, { ...certificate, cells: ['%%%', ''] }).valid).toBe(false);
    expect(checkCertificate(w, 'certificate').valid).toBe(false);
  });
});

describe('the shipped serial model', () => {
  const w = shipped('serial');
  const file = new URL('../models/serial.certificate.json', import.meta.url);
  const meta = JSON.parse(readFileSync(new URL('../models/serial.json', import.meta.url), 'utf8')).meta;

  it('is proven: its meta says so, and the certificate beside it checks against its weights', () => {
    expect(meta.verification.proof).toMatchObject({ proven: true, method: 'cells' });
    const bytes = readFileSync(file);
    expect(meta.verification.proof.certificate).toEqual({
      file: 'serial.certificate.json',
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    const check = checkCertificate(w, JSON.parse(bytes.toString('utf8')));
    expect(check).toMatchObject({ valid: true, reason: null, cells: meta.verification.proof.cells });
    expect(check.minLogit).toBeGreaterThan(0);
  });

  it('answers the sums the model shipped before proofs got wrong, and the falsifier finds nothing', () => {
    const adder = createAdder(w);
    for (const [a, b] of [
      [16321n, 8223n],
      [129030n, 66554n],
      [1507340n, 15237116n],
      [66060289n, 34078719n],
    ] as const)
      expect(adder.add(a, b).sum).toBe(a + b);
    expect(findCounterexample(w, { depth: 128 })).toBeNull();
  });
});

describe('proveVector', () => {
  it('proves the shipped vector model right on all 16,384 pairs', () => {
    const proof = proveVector(shipped('vector'));
    expect(proof).toMatchObject({ proven: true, method: 'enumeration', pairs: 16384, right: 16384, undecided: 0 });
    expect(proof.minMargin).toBeGreaterThan(0);
  });

  it("finds exactly the pairs the notebook's PyTorch model gets wrong", () => {
    const w = parseWeights(vectorWeightsJson());
    const proof = proveVector(w);
    const adder = createAdder(w);
    let wrong = 0;
    for (let a = 0; a < 128; a++) for (let b = 0; b < 128; b++) if (adder.add(a, b).sum !== BigInt(a + b)) wrong++;
    expect(wrong).toBe(Math.round(16384 * (1 - vectorWeightsJson().meta.allPairsAccuracy)));
    expect(proof.proven).toBe(false);
    expect(proof.right + proof.undecided).toBe(16384 - wrong);
    for (const { a, b } of proof.wrong) expect(adder.add(a, b).sum).not.toBe(BigInt(a + b));
  });
});

describe('principalAxes', () => {
  it('finds the directions of a cloud by variance, as unit vectors', () => {
    // Points t·(0.6, 0.8, 0) + s·(−0.8, 0.6, 0) + (1, 2, 3) on a grid, t spread 10 times wider than s (uncorrelated):
    // axis 1 is ±(0.6, 0.8, 0), axis 2 ±(0.8, −0.6, 0), and nothing varies along z.
    const points: number[][] = [];
    for (let i = -20; i <= 20; i++) {
      for (let j = -5; j <= 5; j++) {
        const t = i / 4;
        const s = j / 10;
        points.push([1 + 0.6 * t - 0.8 * s, 2 + 0.8 * t + 0.6 * s, 3]);
      }
    }
    const { origin, axes, variances } = principalAxes(points);
    expect(origin[2]).toBeCloseTo(3, 12);
    expect(Math.abs(axes[0]![0]!)).toBeCloseTo(0.6, 9);
    expect(Math.abs(axes[0]![1]!)).toBeCloseTo(0.8, 9);
    expect(Math.abs(axes[1]![0]!)).toBeCloseTo(0.8, 9);
    expect(variances[0]! / variances[1]!).toBeGreaterThan(50);
    expect(variances[2]).toBeCloseTo(0, 12);
    for (const axis of axes) expect(Math.hypot(...axis)).toBeCloseTo(1, 12);
  });
});
