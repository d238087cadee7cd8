// Model files in and out of the page: an lstm-adder.weights/v1 JSON file (checked by core's parseWeights) or a
// PyTorch safetensors file in the notebook's layout or torch.nn.LSTM's (read by core's weightsFromSafetensors).
// One opener for both, so every place that opens a file reads the same files the same way.
import {
  type ImportedModel,
  type OutputActivation,
  parseWeights,
  quote,
  SafetensorsError,
  WeightsError,
  type Weights,
  weightsFromSafetensors,
} from '@lstm-adder/core';

/** Files larger than this are refused unread (a vector model with 32 hidden units is about 100 KB as JSON). */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

/** What a safetensors file was: its layout, dtypes and where its output activation came from (core's words). */
export type SafetensorsInfo = Omit<ImportedModel, 'weights'>;

export type Opened =
  | { ok: true; weights: Weights; safetensors: SafetensorsInfo | null }
  | { ok: false; message: string; path: string | null };

export interface OpenOptions {
  /** A safetensors file's output activation, where the file cannot say (core's ImportOptions.output). */
  output?: OutputActivation;
}

/** Safetensors by its extension, else by its content: 8 bytes of header length, then the header's `{`. */
function isSafetensors(name: string, bytes: Uint8Array): boolean {
  if (/\.safetensors$/i.test(name)) return true;
  if (/\.json$/i.test(name)) return false;
  return bytes.length > 8 && bytes[8] === 0x7b && bytes[0] !== 0x7b;
}

/**
 * Reads a file the visitor picked or dropped, JSON or safetensors (by extension, else by content). A bad file gives
 * one line naming the file (quoted and cut by core's quote) and what is wrong; WeightsError's path when it has one.
 */
export async function openWeightsFile(file: Blob & { name?: string }, options: OpenOptions = {}): Promise<Opened> {
  const name = file.name === undefined ? 'the file' : quote(file.name);
  const refuse = (message: string, path: string | null = null): Opened => ({ ok: false, message, path });
  if (file.size > MAX_FILE_BYTES) {
    const en = (n: number) => n.toLocaleString('en-GB');
    return refuse(`${name} is ${en(file.size)} bytes, more than the ${en(MAX_FILE_BYTES)} read`);
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (isSafetensors(file.name ?? '', bytes)) {
    try {
      const { weights, ...safetensors } = weightsFromSafetensors(bytes, options);
      return { ok: true, weights, safetensors };
    } catch (error) {
      if (error instanceof SafetensorsError) return refuse(`${name} is not a safetensors model: ${error.message}`);
      throw error;
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    return refuse(`${name} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return { ok: true, weights: parseWeights(json), safetensors: null };
  } catch (error) {
    if (error instanceof WeightsError)
      return refuse(`${name} is not an lstm-adder.weights/v1 file: ${error.message}`, error.path);
    throw error;
  }
}

/** Offers the weights as a download, as the trainer writes them (compact JSON, one line). */
export function downloadWeights(weights: Weights, filename: string): void {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(weights)}\n`], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
