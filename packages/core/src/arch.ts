// The model kinds and the LSTM's gate order: the domain names every package shares.

export const ARCHS = ['vector', 'serial'] as const;
export type Arch = (typeof ARCHS)[number];
export const OUTPUT_ACTIVATIONS = ['identity', 'sigmoid'] as const;
export type OutputActivation = (typeof OUTPUT_ACTIVATIONS)[number];
/** The gates in the order tfjs-layers' LSTMCell fuses them: input, forget, cell candidate, output. */
export const GATES = ['i', 'f', 'g', 'o'] as const;
export type Gate = (typeof GATES)[number];

/** Input and output sizes each formulation fixes; the hidden size is free. */
export const ARCH_SIZES: Record<Arch, { inputSize: number; outputSize: number }> = {
  vector: { inputSize: 8, outputSize: 8 },
  serial: { inputSize: 2, outputSize: 1 },
};
