// safetensors, read and written in plain TypeScript (Uint8Array in and out): an 8-byte little-endian header length N,
// N bytes of JSON `{ name: { dtype, shape, data_offsets: [begin, end] }, __metadata__?: { string: string } }`, then
// the tensors' little-endian bytes. The file is treated as hostile: the header length, the JSON, every field, every
// byte range against the data and against each other are checked before any tensor is read, and values are decoded
// only when asked for, so the work is bounded by the header's size and the tensors actually read.
import { quote } from './quote.js';

/** The dtypes read; F64 and F32 are also written. */
export const SAFETENSORS_DTYPES = ['F64', 'F32', 'F16', 'BF16'] as const;
export type SafetensorsDtype = (typeof SAFETENSORS_DTYPES)[number];
const BYTES: Record<SafetensorsDtype, number> = { F64: 8, F32: 4, F16: 2, BF16: 2 };

/** The longest header read (the reference implementation allows 100 MB; a model of this project needs a few KB). */
export const SAFETENSORS_MAX_HEADER_BYTES = 16 * 1024 * 1024;

/** A file that is not safetensors core can read; the message is one line saying what is wrong. */
export class SafetensorsError extends Error {
  override readonly name = 'SafetensorsError';
}

export interface TensorInfo {
  dtype: SafetensorsDtype;
  shape: number[];
  /** Number of values: the product of the shape (1 for a scalar). */
  size: number;
}

export interface SafetensorsFile {
  /** The tensors by name, in header order. */
  tensors: Map<string, TensorInfo>;
  /** `__metadata__` (empty when the file has none). */
  metadata: Record<string, string>;
  /** A tensor's values, row-major, widened to float64 (exactly: every F32, F16 and BF16 value is a float64). */
  values(name: string): Float64Array;
}

export interface TensorToWrite {
  name: string;
  dtype: 'F64' | 'F32';
  shape: number[];
  /** Row-major values; F32 rounds each to the nearest float32. */
  values: ArrayLike<number>;
}

// TextDecoder and TextEncoder are in every runtime core runs in (Node, browsers, Workers) but not in the ES library
// it compiles against: these are the members used.
interface Utf8Globals {
  TextDecoder: new (label: 'utf-8', options: { fatal: boolean }) => { decode(input: Uint8Array): string };
  TextEncoder: new () => { encode(input: string): Uint8Array };
}
const utf8 = globalThis as unknown as Utf8Globals;

const fail = (message: string): never => {
  throw new SafetensorsError(message);
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const isIndex = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** What a JSON value is, in a few words, for messages. */
const kind = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'string' ? quote(value) : typeof value;

const dims = (shape: readonly number[]) => `[${shape.join(', ')}]`;

interface Entry extends TensorInfo {
  name: string;
  begin: number;
  end: number;
}

function checkEntry(name: string, raw: unknown, dataBytes: number): Entry {
  const at = `tensor ${quote(name)}`;
  if (!isRecord(raw)) return fail(`${at}: expected { dtype, shape, data_offsets }, got ${kind(raw)}`);
  for (const key of Object.keys(raw)) {
    if (key !== 'dtype' && key !== 'shape' && key !== 'data_offsets') {
      fail(`${at}: unknown field ${quote(key)} (expected dtype, shape and data_offsets)`);
    }
  }
  const { dtype, shape, data_offsets: offsets } = raw;
  if (!SAFETENSORS_DTYPES.includes(dtype as SafetensorsDtype)) {
    fail(`${at}: unknown dtype ${kind(dtype)} (core reads ${SAFETENSORS_DTYPES.join(', ')})`);
  }
  if (!Array.isArray(shape) || !shape.every(isIndex)) {
    return fail(`${at}: shape must be an array of non-negative integers, got ${kind(shape)}`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isIndex)) {
    return fail(`${at}: data_offsets must be [begin, end], two non-negative integers`);
  }
  const [begin, end] = offsets as [number, number];
  if (begin > end || end > dataBytes) {
    fail(`${at}: data_offsets [${begin}, ${end}] are out of range (the data section holds ${dataBytes} bytes)`);
  }
  const size = shape.reduce((n: number, d: number) => n * d, 1);
  const bytes = size * BYTES[dtype as SafetensorsDtype];
  if (bytes !== end - begin) {
    fail(`${at}: shape ${dims(shape)} of ${dtype} needs ${bytes} bytes, data_offsets give ${end - begin}`);
  }
  return { name, dtype: dtype as SafetensorsDtype, shape, size, begin, end };
}

function checkMetadata(raw: unknown): Record<string, string> {
  if (raw === undefined) return {};
  if (!isRecord(raw)) return fail(`__metadata__ must map strings to strings, got ${kind(raw)}`);
  const metadata: Record<string, string> = Object.create(null);
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string') fail(`__metadata__[${quote(key)}] must be a string, got ${kind(value)}`);
    metadata[key] = value as string;
  }
  return metadata;
}

/** Tensors must tile the data section: sorted by offset, each starts where the last ended, the last ends at its end. */
function checkTiling(entries: Entry[], dataBytes: number): void {
  const sorted = [...entries].sort((x, y) => x.begin - y.begin || x.end - y.end);
  let at = 0;
  let previous: Entry | undefined;
  for (const entry of sorted) {
    if (entry.begin < at) {
      fail(`tensors ${quote(previous?.name ?? '')} and ${quote(entry.name)} overlap (bytes ${entry.begin} to ${at})`);
    }
    if (entry.begin > at) fail(`bytes ${at} to ${entry.begin} of the data section belong to no tensor`);
    at = entry.end;
    previous = entry;
  }
  if (at !== dataBytes) fail(`bytes ${at} to ${dataBytes} of the data section belong to no tensor`);
}

function decode(view: DataView, entry: Entry): Float64Array {
  const out = new Float64Array(entry.size);
  const { begin } = entry;
  switch (entry.dtype) {
    case 'F64':
      for (let k = 0; k < out.length; k++) out[k] = view.getFloat64(begin + 8 * k, true);
      break;
    case 'F32':
      for (let k = 0; k < out.length; k++) out[k] = view.getFloat32(begin + 4 * k, true);
      break;
    case 'F16':
      for (let k = 0; k < out.length; k++) out[k] = halfToNumber(view.getUint16(begin + 2 * k, true));
      break;
    case 'BF16': {
      // A bfloat16 is the high half of a float32.
      const word = new DataView(new ArrayBuffer(4));
      for (let k = 0; k < out.length; k++) {
        word.setUint32(0, view.getUint16(begin + 2 * k, true) << 16);
        out[k] = word.getFloat32(0);
      }
      break;
    }
  }
  return out;
}

/** IEEE 754 binary16 to a number: 1 sign, 5 exponent (bias 15), 10 fraction bits. */
function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1024 + fraction) * 2 ** (exponent - 25);
}

/** Reads a safetensors file: checks the whole header against the file, then decodes tensors when asked. */
export function readSafetensors(bytes: Uint8Array): SafetensorsFile {
  if (!(bytes instanceof Uint8Array)) fail(`expected the file's bytes as a Uint8Array, got ${kind(bytes)}`);
  if (bytes.length < 8) fail(`the file is ${bytes.length} bytes, too short for the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getBigUint64(0, true);
  if (length > BigInt(bytes.length - 8)) {
    fail(`the header length ${length} is beyond the file (${bytes.length - 8} bytes after the length)`);
  }
  const headerBytes = Number(length);
  if (headerBytes > SAFETENSORS_MAX_HEADER_BYTES) {
    fail(`the header is ${headerBytes} bytes, more than the ${SAFETENSORS_MAX_HEADER_BYTES} read`);
  }
  if (headerBytes < 2 || bytes[8] !== 0x7b) fail('the header is not a JSON object (it must start with "{")');
  let text = '';
  try {
    text = new utf8.TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerBytes));
  } catch {
    fail('the header is not valid UTF-8');
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    fail(`the header is not JSON: ${quote(String((error as Error).message), 80)}`);
  }
  if (!isRecord(header)) return fail(`the header must be a JSON object, got ${kind(header)}`);
  const dataStart = 8 + headerBytes;
  const dataBytes = bytes.length - dataStart;
  const entries: Entry[] = [];
  for (const name of Object.keys(header)) {
    if (name !== '__metadata__') entries.push(checkEntry(name, header[name], dataBytes));
  }
  const metadata = checkMetadata(header.__metadata__);
  checkTiling(entries, dataBytes);
  const data = new DataView(bytes.buffer, bytes.byteOffset + dataStart, dataBytes);
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  return {
    tensors: new Map(entries.map(({ name, dtype, shape, size }) => [name, { dtype, shape, size }])),
    metadata,
    values(name) {
      const entry = byName.get(name);
      if (!entry) return fail(`no tensor ${quote(name)} in the file`);
      return decode(data, entry);
    },
  };
}

/**
 * Writes tensors (F64 or F32, in the order given) and string metadata as a safetensors file. The header is padded
 * with spaces to a multiple of 8 bytes, as the reference writer does, so every tensor starts 8-byte aligned.
 */
export function writeSafetensors(tensors: TensorToWrite[], metadata: Record<string, string> = {}): Uint8Array {
  // No prototype, so a tensor named "__proto__" is an own key like any other.
  const header: Record<string, unknown> = Object.create(null);
  if (Object.keys(metadata).length) header.__metadata__ = metadata;
  let offset = 0;
  for (const { name, dtype, shape, values } of tensors) {
    if (name === '__metadata__' || Object.hasOwn(header, name))
      fail(`tensor name ${quote(name)} is reserved or repeated`);
    if (dtype !== 'F64' && dtype !== 'F32') fail(`tensor ${quote(name)}: core writes F64 or F32, got ${kind(dtype)}`);
    const size = shape.reduce((n, d) => n * d, 1);
    if (!shape.every(isIndex) || size !== values.length) {
      fail(`tensor ${quote(name)}: shape ${dims(shape)} does not hold ${values.length} values`);
    }
    const bytes = size * BYTES[dtype];
    header[name] = { dtype, shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  const json = new utf8.TextEncoder().encode(JSON.stringify(header));
  const headerBytes = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + headerBytes + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, headerBytes, true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerBytes);
  let at = 8 + headerBytes;
  for (const { name, dtype, values } of tensors) {
    for (let k = 0; k < values.length; k++) {
      const x = values[k] as number;
      if (dtype === 'F64') {
        view.setFloat64(at, x, true);
        at += 8;
        continue;
      }
      if (Number.isFinite(x) && !Number.isFinite(Math.fround(x))) {
        fail(`tensor ${quote(name)}: ${x} does not fit in F32 (write F64)`);
      }
      view.setFloat32(at, x, true);
      at += 4;
    }
  }
  return out;
}
