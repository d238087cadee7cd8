// Hand-made safetensors bytes for tests of the readers (core's and the trainer's CLI).
/** A file from a header (an object, or raw text) and data bytes; `length` overrides the header length written. */
export function rawFile(header: unknown, data: ArrayLike<number> = [], length?: number): Uint8Array {
  const text = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + text.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(length ?? text.length), true);
  out.set(text, 8);
  out.set(Array.from(data), 8 + text.length);
  return out;
}
