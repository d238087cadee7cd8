import { describe, expect, it } from 'vitest';
import { describeStep, stepFacts } from '../src/inside/scrubber';

describe('a step of the serial sum', () => {
  // 11 + 3 = 14: 1011 + 0011 = 01110 (five steps: four bits and the final carry).
  const answer = { a: '11', b: '3', bits: { a: '1011', b: '0011', sum: '01110' } };

  it('reads bit t of each operand, with the carry in and out of arithmetic', () => {
    expect(stepFacts(answer, 5, 0)).toEqual({ step: 0, a: 1, b: 1, carryIn: 0, carryOut: 1, sum: '0', trueSum: 0 });
    expect(stepFacts(answer, 5, 1)).toEqual({ step: 1, a: 1, b: 1, carryIn: 1, carryOut: 1, sum: '1', trueSum: 1 });
    expect(stepFacts(answer, 5, 4)).toMatchObject({ a: 0, b: 0, carryIn: 0, carryOut: 0, trueSum: 0 });
  });

  it('says what the step does, marks a wrong bit, and gives the carry unit’s cell state', () => {
    const wrong = { ...answer, bits: { ...answer.bits, sum: '01111' } };
    const trace = Array.from({ length: 5 }, (_, t) => ({ c: [0.5, t === 0 ? -0.93 : 0.1] }));
    const text = describeStep(stepFacts(wrong, 5, 0), 5, trace as never, [{ unit: 1, r: -0.99 }]);
    expect(text).toBe(
      'Step 1 of 5 reads bit 0: a = 1, b = 1, carry in 0 → sum bit 0 = 1 ✗ (true bit 0), carry out 1. ' +
        'Carry unit: u1 c = −0.93.',
    );
    expect(describeStep(stepFacts(answer, 5, 4), 5, null, null)).toBe(
      'Step 5 of 5 reads 0 + 0 (the operands have ended), carry in 0 → sum bit 4 = 0 ✓, carry out 0.',
    );
  });
});
