import { describe, expect, it } from 'vitest';
import { moveCursor, pairAt, SIDE, wrongPairs } from '../src/model/errormap-protocol';

describe('the 128 × 128 map', () => {
  it('puts a across and b down: the pair under a point', () => {
    expect(pairAt(0, 0, 3)).toEqual({ a: 0, b: 0 });
    expect(pairAt(3 * 57 + 1, 3 * 99 + 2, 3)).toEqual({ a: 57, b: 99 });
    expect(pairAt(3 * 128, 0, 3)).toBeNull();
    expect(pairAt(-1, 5, 3)).toBeNull();
  });

  it('moves the cursor with the arrow keys (right: a + 1, down: b + 1), clamped to 0..127', () => {
    expect(moveCursor({ a: 5, b: 5 }, 'ArrowRight')).toEqual({ a: 6, b: 5 });
    expect(moveCursor({ a: 5, b: 5 }, 'ArrowDown')).toEqual({ a: 5, b: 6 });
    expect(moveCursor({ a: 0, b: 0 }, 'ArrowLeft')).toEqual({ a: 0, b: 0 });
    expect(moveCursor({ a: 5, b: 125 }, 'PageDown')).toEqual({ a: 5, b: 127 });
    expect(moveCursor({ a: 5, b: 5 }, 'End')).toEqual({ a: 127, b: 5 });
    expect(moveCursor({ a: 5, b: 5 }, 'x')).toBeNull();
  });

  it('lists the pairs whose answer is not a + b', () => {
    const sums = new Int16Array(SIDE * SIDE);
    for (let a = 0; a < SIDE; a++) for (let b = 0; b < SIDE; b++) sums[a * SIDE + b] = a + b;
    sums[3 * SIDE + 4] = 8;
    expect(wrongPairs(sums)).toEqual([{ a: 3, b: 4, got: 8 }]);
  });
});
