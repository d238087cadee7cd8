// What the main view's "Open a model file" says and does around the opener: which sum a model of yours answers, and
// how a safetensors file's layout and output are put in words.
import { describe, expect, it } from 'vitest';
import { safetensorsText, stateForYours } from '../src/yours/open-model';

describe('stateForYours', () => {
  it('keeps the sum a model can add, and gives a vector model one it can when it cannot', () => {
    const carry = { a: '183', b: '109', model: 'serial' } as const;
    expect(stateForYours(carry, 'serial')).toEqual({ a: '183', b: '109', model: 'yours' });
    expect(stateForYours(carry, 'vector')).toEqual({ a: '57', b: '99', model: 'yours' });
    expect(stateForYours({ a: '0127', b: '5', model: 'auto' }, 'vector')).toEqual({
      a: '0127',
      b: '5',
      model: 'yours',
    });
    expect(stateForYours({ a: 'abc', b: '5', model: 'vector' }, 'vector')).toEqual({
      a: '57',
      b: '99',
      model: 'yours',
    });
  });
});

describe('safetensorsText', () => {
  it('says the layout, the dtypes and why the output reads as it does', () => {
    const vector = { outputActivation: 'identity', outputSize: 8 } as const;
    const serial = { outputActivation: 'sigmoid', outputSize: 1 } as const;
    expect(safetensorsText({ layout: 'notebook', dtypes: ['BF16'], outputFrom: 'layout' }, vector)).toBe(
      'in the notebook’s layout (BF16). Its outputs are read as they are (identity), as the notebook reads them',
    );
    expect(safetensorsText({ layout: 'torch', dtypes: ['F32'], outputFrom: 'layout' }, serial)).toBe(
      'in torch.nn.LSTM’s layout (F32). Its output is read as a logit (sigmoid), torch’s usual, since the file does ' +
        'not say',
    );
    expect(
      safetensorsText(
        { layout: 'torch', dtypes: ['F64'], outputFrom: 'option' },
        { ...serial, outputActivation: 'identity' },
      ),
    ).toBe('in torch.nn.LSTM’s layout (F64). Its output is read as it is (identity), as you chose');
    expect(safetensorsText({ layout: 'torch', dtypes: ['F64', 'F32'], outputFrom: 'metadata' }, serial)).toContain(
      '(F64, F32). Its output is read as a logit (sigmoid), as the file records',
    );
  });
});
