// Off the main thread, with @lstm-adder/core and the serial weights the API serves: which hidden
// units carry the 1 (correlation with the true carry over random sums), then the exact-match rate
// by operand length, one length at a time.
import { createAdder, evaluateSerial, mulberry32, randomBigInt, weightsFingerprint } from '@lstm-adder/core';
import { weightsOf } from './model-weights';
import { carrySequence } from '../answer/bits';
import { carryCorrelations, carryUnits, type CarrySample } from '../inside/carry';
import { CARRY_SAMPLES, LENGTHS, type SerialStatsMessage, type SerialStatsRequest } from './serial-stats-protocol';

const post = (message: SerialStatsMessage) => (self as unknown as Worker).postMessage(message);
const SEED = 12;

self.addEventListener('message', (event: MessageEvent<SerialStatsRequest>) => {
  try {
    const started = performance.now();
    const weights = weightsOf(event.data.model);
    const adder = createAdder(weights);
    const next = mulberry32(SEED);
    const samples: CarrySample[] = [];
    for (let k = 0; k < CARRY_SAMPLES.sums; k++) {
      const a = randomBigInt(next, CARRY_SAMPLES.bits);
      const b = randomBigInt(next, CARRY_SAMPLES.bits);
      const trace = adder.add(a, b, { trace: true }).trace;
      const c = trace ? Array.from(trace, (step) => step.c) : [];
      samples.push({ c, carry: carrySequence(a, b, c.length) });
    }
    post({
      type: 'carry',
      units: carryUnits(carryCorrelations(samples, weights.hiddenSize)),
      samples: CARRY_SAMPLES.sums,
      bits: CARRY_SAMPLES.bits,
    });
    LENGTHS.forEach(({ bits, samples: count }, k) => {
      const result = evaluateSerial(adder, { widths: [bits], samples: count, seed: SEED + k });
      post({ type: 'length', bits, samples: count, correct: result.correct });
    });
    post({ type: 'done', fingerprint: weightsFingerprint(weights), ms: performance.now() - started });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
