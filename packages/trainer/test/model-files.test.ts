// Where a model may go: a model core does not verify never lands on `out` unless --allow-unverified says so.
import { expect, test } from 'vitest';
import { placeModel } from '../src/cli/model-files.js';
import { sidePath } from '../src/node/atomic-write.js';

const side = (path: string) => sidePath(path, 'unverified');

test('verified models and experiments that met their target go to out, status 0', () => {
  for (const kind of ['verified', 'experiment'] as const) {
    expect(placeModel({ kind, line: '' }, 'm.json', 'r.svg', side, false)).toEqual({
      out: 'm.json',
      report: 'r.svg',
      status: 0,
      note: null,
    });
  }
});

test('an unverified model goes to the side file with its report, status 3, and the note names both files', () => {
  const place = placeModel({ kind: 'unverified', line: '' }, 'm.json', 'r.svg', side, false);
  expect(place).toMatchObject({ out: 'm.unverified.json', report: 'r.unverified.svg', status: 3 });
  expect(place.note).toBe(
    '"m.json" left unchanged; the unverified model is in "m.unverified.json" ' +
      '(--allow-unverified writes it to "m.json"); exit 3',
  );
  expect(placeModel({ kind: 'unverified', line: '' }, 'm.json', null, side, false).report).toBeNull();
});

test('--allow-unverified writes it to out, status 0, and says so', () => {
  expect(placeModel({ kind: 'unverified', line: '' }, 'm.json', 'r.svg', side, true)).toEqual({
    out: 'm.json',
    report: 'r.svg',
    status: 0,
    note: '"m.json": written although not verified (--allow-unverified)',
  });
});
