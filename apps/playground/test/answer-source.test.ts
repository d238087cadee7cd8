import { parseWeights } from '@lstm-adder/core';
import serialJson from '@lstm-adder/core/models/serial.json' with { type: 'json' };
import vectorJson from '@lstm-adder/core/models/vector.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import type { AddOutcome, Api } from '../src/api';
import { createAnswerSource, NO_MODEL_OF_YOURS } from '../src/answer/answer-source';
import { chosenModel } from '../src/answer/local-answer';

/** An API stub: `reply` decides the outcome of every add; `calls` counts them. */
function stubApi(reply: () => AddOutcome): Api & { calls: number } {
  const api = {
    base: 'http://stub',
    calls: 0,
    async add() {
      api.calls++;
      return reply();
    },
    async model() {
      return { kind: 'unreachable' as const, url: 'http://stub/model', detail: 'stub' };
    },
  };
  return api;
}
const down = (): AddOutcome => ({ kind: 'unreachable', url: 'http://stub/add?a=1', detail: 'Failed to fetch' });

describe('answer source', () => {
  it('answers from the edge API by default and says so', async () => {
    const answer = {
      a: '1',
      b: '2',
      sum: '3',
      model: 'vector',
      bits: { a: '', b: '', sum: '' },
      margin: 0.4,
      correct: true,
    } as const;
    const answers = createAnswerSource(stubApi(() => ({ kind: 'answer', answer })));
    const got = await answers.add({ a: '1', b: '2', model: 'vector' }, false);
    expect(got.source).toBe('edge');
    expect(got.unreachable).toBeNull();
    expect(got.outcome).toEqual({ kind: 'answer', answer });
  });

  it('falls back to the shipped weights in the browser when the API cannot be reached; keeps why', async () => {
    const answers = createAnswerSource(stubApi(down));
    const a = '1234567890123456789012345678901234567890',
      b = '9876543210987654321098765432109876543210';
    const got = await answers.add({ a, b, model: 'auto' }, false);
    expect(got.source).toBe('shipped-local');
    expect(got.unreachable?.url).toBe('http://stub/add?a=1');
    if (got.outcome.kind !== 'answer') throw new Error(`expected an answer, got ${got.outcome.kind}`);
    expect(got.outcome.answer.model).toBe('serial');
    expect(got.outcome.answer.sum).toBe((BigInt(a) + BigInt(b)).toString());
    expect(got.outcome.answer.correct).toBe(true);
    const small = await answers.add({ a: '57', b: '99', model: 'vector' }, true);
    if (small.outcome.kind !== 'answer') throw new Error('expected an answer');
    expect(small.outcome.answer.sum).toBe('156');
    expect(small.outcome.answer.bits).toEqual({ a: '00111001', b: '01100011', sum: '10011100' });
    expect(small.outcome.answer.trace).toHaveLength(2);
    expect(small.outcome.answer.trace![1]!.y).toHaveLength(8);
  });

  it('refuses a bad operand locally with core’s message, named after the parameter', async () => {
    const answers = createAnswerSource(stubApi(down));
    const got = await answers.add({ a: '128', b: '5', model: 'vector' }, false);
    expect(got.outcome.kind).toBe('refused');
    if (got.outcome.kind !== 'refused') return;
    expect(got.outcome.message).toMatch(/^Parameter "a" must be an integer from 0 to 127/);
    const text = await answers.add({ a: '12', b: 'x', model: 'serial' }, false);
    expect(text.outcome.kind === 'refused' && text.outcome.message).toMatch(
      /^Parameter "b" must be a string of decimal digits/,
    );
  });

  it('answers with your model when model=yours, without asking the API, and refuses when there is none', async () => {
    const api = stubApi(down);
    const answers = createAnswerSource(api);
    const none = await answers.add({ a: '1', b: '1', model: 'yours' }, false);
    expect(none.outcome).toMatchObject({ kind: 'refused', code: NO_MODEL_OF_YOURS, param: 'model' });
    let changes = 0;
    answers.onChange(() => changes++);
    // A weights file whose dense bias forces every output bit to 1: "your" model is recognisably not the shipped one.
    const weights = parseWeights(structuredClone(serialJson));
    weights.dense.b = [1e6];
    answers.setYours({ weights, origin: { kind: 'file', name: 'test.json' } });
    expect(changes).toBe(1);
    expect(answers.yours?.origin).toEqual({ kind: 'file', name: 'test.json' });
    const got = await answers.add({ a: '1', b: '1', model: 'yours' }, false);
    // A model opened from a file says so in its code; one carried by a link is `yours`.
    expect(got.source).toBe('file');
    answers.setYours({ weights, origin: { kind: 'link' } });
    expect((await answers.add({ a: '1', b: '1', model: 'yours' }, false)).source).toBe('yours');
    expect(api.calls).toBe(0);
    if (got.outcome.kind !== 'answer') throw new Error('expected an answer');
    expect(got.outcome.answer.model).toBe('serial');
    expect(got.outcome.answer.bits.sum).toBe('11'); // all ones: your weights, not the shipped ones (which say 10)
    expect(got.outcome.answer.correct).toBe(false);
    // Another model choice asks the API (here down: the shipped weights answer).
    expect((await answers.add({ a: '1', b: '1', model: 'serial' }, false)).source).toBe('shipped-local');
    answers.setYours(null);
    expect(answers.yours).toBeNull();
  });

  it('picks the model as the API does for auto', () => {
    expect(chosenModel('auto', '127', '0')).toBe('vector');
    expect(chosenModel('auto', '0127', '5')).toBe('vector');
    expect(chosenModel('auto', '128', '5')).toBe('serial');
    expect(chosenModel('vector', '999', '5')).toBe('vector');
    expect(parseWeights(vectorJson).arch).toBe('vector');
  });
});
