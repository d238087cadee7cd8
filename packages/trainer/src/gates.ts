// The fused gate layout: block k of a [·, 4H] kernel (and of the [4H] bias) is gate GATES[k] of core's weights
// contract, so the fused arrays unfuse into the contract's gates in its own order.
import { GATES, type Gate } from '@lstm-adder/core';

/** Each gate's block index: its H columns start at `GATE[gate] * H`. */
export const GATE = Object.fromEntries(GATES.map((gate, k) => [gate, k])) as Record<Gate, number>;
