// The safetensors reader and writer: values read as written, every malformed file refused with one line saying what
// is wrong, before any tensor is read.
import { describe, expect, it } from 'vitest';
import { SAFETENSORS_MAX_HEADER_BYTES, SafetensorsError, readSafetensors, writeSafetensors } from '../src/index.js';
import { rawFile } from './raw-safetensors.js';

/** The SafetensorsError reading `bytes` throws: one line. */
function refusal(bytes: unknown): string {
  try {
    readSafetensors(bytes as Uint8Array);
  } catch (error) {
    expect(error).toBeInstanceOf(SafetensorsError);
    const { message } = error as Error;
    expect(message).not.toContain('\n');
    expect(message.length).toBeLessThan(240);
    return message;
  }
  throw new Error('expected the file to be refused');
}

const tensor = (dtype: string, shape: number[], begin: number, end: number) => ({
  dtype,
  shape,
  data_offsets: [begin, end],
});

describe('writeSafetensors and readSafetensors', () => {
  it('read back every value written, F64 exactly and F32 rounded to float32, with the metadata', () => {
    const values = [0, -0, 1, -2.5, Math.PI, 1e-300, -1e300, Number.MIN_VALUE];
    const bytes = writeSafetensors(
      [
        { name: 'x', dtype: 'F64', shape: [2, 4], values },
        { name: 'y', dtype: 'F32', shape: [3], values: [Math.PI, 0.1, -3] },
        { name: '__proto__', dtype: 'F64', shape: [], values: [7] },
      ],
      { note: 'made by a test' },
    );
    // 8-byte length, then a header padded with spaces to a multiple of 8, so the tensors start aligned.
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(headerLength % 8).toBe(0);
    const file = readSafetensors(bytes);
    expect([...file.tensors.keys()]).toEqual(['x', 'y', '__proto__']);
    expect(file.tensors.get('x')).toEqual({ dtype: 'F64', shape: [2, 4], size: 8 });
    expect(file.metadata).toEqual({ note: 'made by a test' });
    const x = Array.from(file.values('x'));
    expect(x.every((v, k) => Object.is(v, values[k]))).toBe(true);
    expect(Array.from(file.values('y'))).toEqual([Math.fround(Math.PI), Math.fround(0.1), -3]);
    expect(Array.from(file.values('__proto__'))).toEqual([7]);
    expect(() => file.values('z')).toThrow('no tensor "z" in the file');
  });

  it('read F16 and BF16 exactly, the values torch stores', () => {
    // F16: 1, -2, 65504 (the largest), 2^-24 (the smallest subnormal), 2^-14 (the smallest normal), ∞, NaN.
    const f16 = [0x3c00, 0xc000, 0x7bff, 0x0001, 0x0400, 0x7c00, 0x7e00];
    // BF16: 1, 3.140625 (π rounded), -0, the largest (3.3895e38), 2^-133 (a subnormal).
    const bf16 = [0x3f80, 0x4049, 0x8000, 0x7f7f, 0x0001];
    const data = [...f16, ...bf16].flatMap((h) => [h & 0xff, h >> 8]);
    const file = readSafetensors(
      rawFile({ h: tensor('F16', [7], 0, 14), b: tensor('BF16', [5], 14, 24), __metadata__: { format: 'pt' } }, data),
    );
    expect(Array.from(file.values('h'))).toEqual([1, -2, 65504, 2 ** -24, 2 ** -14, Infinity, Number.NaN]);
    const b = Array.from(file.values('b'));
    expect(b.slice(0, 2)).toEqual([1, 3.140625]);
    expect(Object.is(b[2], -0)).toBe(true);
    expect(b[3]).toBe((2 - 2 ** -7) * 2 ** 127);
    expect(b[4]).toBe(2 ** -133);
  });

  it('read a file without tensors, and tensors in any order of offsets, including empty ones', () => {
    expect(readSafetensors(rawFile({})).tensors.size).toBe(0);
    const file = readSafetensors(
      rawFile(
        { late: tensor('F32', [1], 4, 8), early: tensor('F32', [1], 0, 4), none: tensor('F64', [0, 3], 8, 8) },
        [0, 0, 128, 63, 0, 0, 0, 64],
      ),
    );
    expect(Array.from(file.values('early'))).toEqual([1]);
    expect(Array.from(file.values('late'))).toEqual([2]);
    expect(file.values('none')).toHaveLength(0);
  });

  it('refuse to write what they cannot: a repeated name, a wrong count, another dtype, a float32 overflow', () => {
    const one = { name: 'a', dtype: 'F64' as const, shape: [1], values: [1] };
    expect(() => writeSafetensors([one, one])).toThrow('tensor name "a" is reserved or repeated');
    expect(() => writeSafetensors([{ ...one, name: '__metadata__' }])).toThrow(/reserved/);
    expect(() => writeSafetensors([{ ...one, shape: [2] }])).toThrow('tensor "a": shape [2] does not hold 1 values');
    expect(() => writeSafetensors([{ ...one, dtype: 'F16' as 'F64' }])).toThrow(/core writes F64 or F32, got "F16"/);
    expect(() => writeSafetensors([{ ...one, dtype: 'F32', values: [1e39] }])).toThrow(
      'tensor "a": 1e+39 does not fit in F32 (write F64)',
    );
  });
});

describe('readSafetensors refuses, in one line', () => {
  const good = writeSafetensors([{ name: 'w', dtype: 'F32', shape: [2, 2], values: [1, 2, 3, 4] }]);

  it('something that is not bytes, or too short for the header length', () => {
    expect(refusal('safetensors')).toBe('expected the file\'s bytes as a Uint8Array, got "safetensors"');
    expect(refusal(new Uint8Array(5))).toBe('the file is 5 bytes, too short for the 8-byte header length');
  });

  it('a truncated file, wherever it is cut', () => {
    expect(refusal(good.subarray(0, 20))).toMatch(/^the header length \d+ is beyond the file \(12 bytes after/);
    expect(refusal(good.subarray(0, good.length - 1))).toBe(
      'tensor "w": data_offsets [0, 16] are out of range (the data section holds 15 bytes)',
    );
  });

  it('a header length past the end, or past the limit', () => {
    expect(refusal(rawFile({}, [], 1000))).toBe('the header length 1000 is beyond the file (2 bytes after the length)');
    const huge = rawFile({}, [], 2 ** 62);
    expect(refusal(huge)).toMatch(/^the header length 4611686018427387904 is beyond the file/);
    const big = new Uint8Array(8 + SAFETENSORS_MAX_HEADER_BYTES + 8);
    new DataView(big.buffer).setUint32(0, SAFETENSORS_MAX_HEADER_BYTES + 1, true);
    expect(refusal(big)).toBe(`the header is 16777217 bytes, more than the ${SAFETENSORS_MAX_HEADER_BYTES} read`);
  });

  it('a header that is not a JSON object of UTF-8 text', () => {
    expect(refusal(rawFile('{"w": '))).toMatch(/^the header is not JSON: "/);
    expect(refusal(rawFile('[1, 2]'))).toBe('the header is not a JSON object (it must start with "{")');
    expect(refusal(rawFile(' {}'))).toBe('the header is not a JSON object (it must start with "{")');
    const latin1 = rawFile('{"w\u00e9": 1}');
    latin1[11] = 0xff; // not UTF-8
    expect(refusal(latin1)).toBe('the header is not valid UTF-8');
    expect(refusal(rawFile('{"a": 1}\n'))).toBe('tensor "a": expected { dtype, shape, data_offsets }, got number');
  });

  it('offsets out of range, overlapping, or leaving bytes to no tensor', () => {
    const data = new Array(16).fill(0);
    expect(refusal(rawFile({ w: tensor('F32', [4], 4, 20) }, data))).toBe(
      'tensor "w": data_offsets [4, 20] are out of range (the data section holds 16 bytes)',
    );
    expect(refusal(rawFile({ w: tensor('F32', [0], 8, 4) }, data))).toMatch(/data_offsets \[8, 4\] are out of range/);
    expect(refusal(rawFile({ a: tensor('F32', [3], 0, 12), b: tensor('F32', [2], 8, 16) }, data))).toBe(
      'tensors "a" and "b" overlap (bytes 8 to 12)',
    );
    expect(refusal(rawFile({ a: tensor('F32', [2], 0, 8), b: tensor('F32', [1], 12, 16) }, data))).toBe(
      'bytes 8 to 12 of the data section belong to no tensor',
    );
    expect(refusal(rawFile({ a: tensor('F32', [2], 0, 8) }, data))).toBe(
      'bytes 8 to 16 of the data section belong to no tensor',
    );
    expect(refusal(rawFile({ a: tensor('F32', [1], 0, -4) }, data))).toBe(
      'tensor "a": data_offsets must be [begin, end], two non-negative integers',
    );
    expect(refusal(rawFile({ a: { dtype: 'F32', shape: [1] } }, data))).toMatch(/data_offsets must be \[begin, end\]/);
  });

  it('an unknown dtype, a bad shape, a shape that does not match its bytes, an unknown field', () => {
    const data = new Array(8).fill(0);
    expect(refusal(rawFile({ a: tensor('I64', [1], 0, 8) }, data))).toBe(
      'tensor "a": unknown dtype "I64" (core reads F64, F32, F16, BF16)',
    );
    expect(refusal(rawFile({ a: tensor('f32', [2], 0, 8) }, data))).toMatch(/unknown dtype "f32"/);
    expect(refusal(rawFile({ a: { ...tensor('F32', [2], 0, 8), dtype: 32 } }, data))).toMatch(/unknown dtype number/);
    expect(refusal(rawFile({ a: tensor('F32', [2, -1], 0, 8) }, data))).toBe(
      'tensor "a": shape must be an array of non-negative integers, got an array',
    );
    expect(refusal(rawFile({ a: tensor('F32', [3], 0, 8) }, data))).toBe(
      'tensor "a": shape [3] of F32 needs 12 bytes, data_offsets give 8',
    );
    expect(refusal(rawFile({ a: tensor('F64', [2 ** 40, 2 ** 40], 0, 8) }, data))).toMatch(/needs \d.* bytes/);
    expect(refusal(rawFile({ a: { ...tensor('F64', [1], 0, 8), extra: 1 } }, data))).toBe(
      'tensor "a": unknown field "extra" (expected dtype, shape and data_offsets)',
    );
  });

  it('__metadata__ that does not map strings to strings', () => {
    expect(refusal(rawFile({ __metadata__: { epochs: 3 } }))).toBe(
      '__metadata__["epochs"] must be a string, got number',
    );
    expect(refusal(rawFile({ __metadata__: ['a'] }))).toBe('__metadata__ must map strings to strings, got an array');
    expect(refusal(rawFile({ __metadata__: 'notes' }))).toMatch(/got "notes"$/);
  });

  it('quotes a long tensor name cut to 40 characters', () => {
    const name = 'n'.repeat(10_000);
    expect(refusal(rawFile({ [name]: tensor('I8', [1], 0, 1) }, [0]))).toBe(
      `tensor "${'n'.repeat(40)}…" (10000 characters): unknown dtype "I8" (core reads F64, F32, F16, BF16)`,
    );
  });
});
