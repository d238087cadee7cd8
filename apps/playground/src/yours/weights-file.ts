// Weights files in and out of the page: any lstm-adder.weights/v1 file, checked by core's parseWeights.
import { parseWeights, WeightsError, type Weights } from '@lstm-adder/core';

export type Opened = { ok: true; weights: Weights } | { ok: false; message: string; path: string | null };

/** Reads a file the visitor picked or dropped; a bad file gives WeightsError's message (with its path). */
export async function openWeightsFile(file: Blob & { name?: string }): Promise<Opened> {
  const name = file.name ?? 'the file';
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch (error) {
    return {
      ok: false,
      message: `${name} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      path: null,
    };
  }
  try {
    return { ok: true, weights: parseWeights(json) };
  } catch (error) {
    if (error instanceof WeightsError)
      return { ok: false, message: `${name} is not an lstm-adder.weights/v1 file: ${error.message}`, path: error.path };
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
