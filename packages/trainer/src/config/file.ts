// train.config.json: what `npm run train` trains and where it writes, each model's `overrides` changing its arch's
// recipe (any field of the arch but arch and preset).
import * as v from 'valibot';
import { expect, got, objectOf, words } from './messages.js';
import { ARCHS, type Arch, OVERRIDES } from './schema.js';

const path = v.pipe(v.string(expect('a file path')), v.nonEmpty('expected a file path, got ""'));
const entryOf = (arch: Arch) =>
  objectOf({ arch: v.literal(arch), out: path, report: path, overrides: OVERRIDES[arch] });
const MODEL = '({ "arch", "out", "report" })';

export const TrainFileSchema = objectOf(
  {
    $comment: v.optional(v.string()),
    models: v.pipe(
      v.array(
        // A wrong arch is reported at models[k].arch; anything but an object at models[k].
        v.variant('arch', [entryOf('vector'), entryOf('serial')], (issue) =>
          issue.path ? expect(words(ARCHS))(issue) : `expected a model ${MODEL}, ${got(issue)}`,
        ),
        expect(`an array of models ${MODEL}`),
      ),
      v.minLength(1, 'expected at least one model'),
    ),
  },
  undefined,
  'an object with "models"',
);
export type TrainFile = v.InferOutput<typeof TrainFileSchema>;
export type TrainFileEntry = TrainFile['models'][number];
