// The link is the model: a page address whose fragment carries the weights, so opening it anywhere answers with
// them (`#model=serial&hidden=3&output=sigmoid&weights=-2.5,-5.3,…`). The numbers follow core's layout (per gate in
// GATES order: U row by row, V row by row, b; then the dense W row by row and b), each written as JavaScript writes
// it, which reads back to the same double: the trainer's exported weights (a few significant digits) make an H = 3
// serial model a few hundred characters. The fragment never reaches a server.
import {
  ARCH_SIZES,
  ARCHS,
  type Arch,
  GATES,
  OUTPUT_ACTIVATIONS,
  type OutputActivation,
  parseWeights,
  WEIGHTS_FORMAT,
  type Weights,
  WeightsError,
} from '@lstm-adder/core';

/** Fragments longer than this are refused unread (a vector model with 32 hidden units needs about 60,000). */
export const MAX_FRAGMENT = 400_000;
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i;

export type LinkModel = { kind: 'none' } | { kind: 'model'; weights: Weights } | { kind: 'bad'; message: string };

/** The weights in core's order, flat. */
function flatten(w: Weights): number[] {
  const out: number[] = [];
  for (const gate of GATES) {
    const { U, V, b } = w.lstm[gate];
    for (const row of U) out.push(...row);
    for (const row of V) out.push(...row);
    out.push(...b);
  }
  for (const row of w.dense.W) out.push(...row);
  out.push(...w.dense.b);
  return out;
}

/** The fragment (without `#`) that carries these weights. */
export function weightsToFragment(w: Weights): string {
  const header = `model=${w.arch}&hidden=${w.hiddenSize}&output=${w.outputActivation}`;
  return `${header}&weights=${flatten(w).map(String).join(',')}`;
}

/** `page` (the page's address) with `query` and the weights in its fragment. */
export function modelLink(page: string, query: string, w: Weights): string {
  const url = new URL(page);
  url.search = query;
  url.hash = weightsToFragment(w);
  return url.toString();
}

/** Reads a model from a page's fragment (`location.hash`): none, the weights, or why they cannot be read. */
export function weightsFromFragment(hash: string): LinkModel {
  const text = hash.replace(/^#/, '');
  if (!/(^|&)weights=/.test(text)) return { kind: 'none' };
  const bad = (why: string): LinkModel => ({ kind: 'bad', message: `The link’s model could not be read: ${why}.` });
  const en = (n: number) => n.toLocaleString('en-GB');
  if (text.length > MAX_FRAGMENT)
    return bad(`its address is ${en(text.length)} characters long, more than the ${en(MAX_FRAGMENT)} read`);
  const params = new URLSearchParams(text);
  const arch = params.get('model');
  if (!ARCHS.includes(arch as Arch)) return bad(`model must be ${ARCHS.join(' or ')}, got “${arch ?? ''}”`);
  const output = params.get('output') ?? 'sigmoid';
  if (!OUTPUT_ACTIVATIONS.includes(output as OutputActivation))
    return bad(`output must be ${OUTPUT_ACTIVATIONS.join(' or ')}, got “${output}”`);
  const hidden = Number(params.get('hidden'));
  if (!Number.isInteger(hidden) || hidden < 1 || hidden > 4096)
    return bad(`hidden must be a whole number of units from 1 to 4096, got “${params.get('hidden') ?? ''}”`);
  const { inputSize, outputSize } = ARCH_SIZES[arch as Arch];
  const expected = 4 * (inputSize + hidden + 1) * hidden + (hidden + 1) * outputSize;
  const texts = (params.get('weights') ?? '').split(',');
  if (texts.length !== expected)
    return bad(`a ${arch} model with ${hidden} hidden units has ${expected} weights, the link has ${texts.length}`);
  const numbers = texts.map(Number);
  const wrong = texts.findIndex((t, k) => !NUMBER.test(t) || !Number.isFinite(numbers[k]));
  if (wrong >= 0) return bad(`weight ${wrong + 1} is “${texts[wrong]!.slice(0, 24)}”, not a number`);
  let k = 0;
  const take = (n: number) => numbers.slice(k, (k += n));
  const matrix = (rows: number, cols: number) => Array.from({ length: rows }, () => take(cols));
  const lstm = Object.fromEntries(
    GATES.map((g) => [g, { U: matrix(inputSize, hidden), V: matrix(hidden, hidden), b: take(hidden) }]),
  );
  const dense = { W: matrix(hidden, outputSize), b: take(outputSize) };
  try {
    const weights = parseWeights({
      format: WEIGHTS_FORMAT,
      arch,
      inputSize,
      hiddenSize: hidden,
      outputSize,
      outputActivation: output,
      lstm,
      dense,
      meta: {},
    });
    return { kind: 'model', weights };
  } catch (error) {
    if (error instanceof WeightsError) return bad(error.message);
    throw error;
  }
}
