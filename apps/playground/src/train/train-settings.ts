// The Train view's settings as URL state (`?view=train&arch=serial&hidden=8&lr=0.03&batch=128&seed=1`),
// beside the page's own keys, which it leaves alone. Defaults are the trainer's recipe for the arch, and each value
// is read by the trainer's own schema: one set of limits.
import { DEFAULTS, parseFieldText, RANGES } from '@lstm-adder/trainer/config';
import { BACKEND_CHOICES, type BackendChoice, type TrainSettings } from './protocol';

/** The trainer's defaults: what `lstm-adder-train --arch <arch>` uses. */
export const ARCH_DEFAULTS: Record<TrainSettings['arch'], Omit<TrainSettings, 'arch' | 'backend'>> = {
  serial: {
    hidden: DEFAULTS.serial.hidden,
    lr: DEFAULTS.serial.lr,
    batch: DEFAULTS.serial.batch,
    seed: DEFAULTS.serial.seed,
  },
  vector: {
    hidden: DEFAULTS.vector.hidden,
    lr: DEFAULTS.vector.lr,
    batch: DEFAULTS.vector.batch,
    seed: DEFAULTS.vector.seed,
  },
};
/** The inputs' bounds: the trainer's own (lr: any positive number). */
export const LIMITS = { hidden: RANGES.hidden, lr: [0, Infinity], batch: RANGES.batch, seed: RANGES.seed } as const;

const KEYS = ['arch', 'hidden', 'lr', 'batch', 'seed', 'backend'] as const;

type NumberKey = keyof typeof LIMITS;

/** A setting's value from text, read and checked by the trainer's schema (the CLI's flags read the same way), or
 *  null when it refuses it. */
export function parseSetting(key: NumberKey, text: string | null): number | null {
  if (text === null) return null;
  try {
    return parseFieldText('serial', key, text);
  } catch {
    return null;
  }
}

/** A missing or out-of-range value falls back to the arch's default. */
export function parseTrainSettings(search: string): TrainSettings {
  const p = new URLSearchParams(search);
  const arch = p.get('arch') === 'vector' ? 'vector' : 'serial';
  const d = ARCH_DEFAULTS[arch];
  const backend = p.get('backend');
  return {
    arch,
    hidden: parseSetting('hidden', p.get('hidden')) ?? d.hidden,
    lr: parseSetting('lr', p.get('lr')) ?? d.lr,
    batch: parseSetting('batch', p.get('batch')) ?? d.batch,
    seed: parseSetting('seed', p.get('seed')) ?? d.seed,
    backend: BACKEND_CHOICES.includes(backend as BackendChoice) ? (backend as BackendChoice) : 'auto',
  };
}

/** The query with `view=train` and the settings (defaults left out), keeping every other key. */
export function serializeTrainSettings(s: TrainSettings, currentSearch: string): string {
  const p = new URLSearchParams(currentSearch);
  for (const key of KEYS) p.delete(key);
  p.set('view', 'train');
  const d = ARCH_DEFAULTS[s.arch];
  if (s.arch !== 'serial') p.set('arch', s.arch);
  if (s.hidden !== d.hidden) p.set('hidden', String(s.hidden));
  if (s.lr !== d.lr) p.set('lr', String(s.lr));
  if (s.batch !== d.batch) p.set('batch', String(s.batch));
  if (s.seed !== d.seed) p.set('seed', String(s.seed));
  if (s.backend !== 'auto') p.set('backend', s.backend);
  return `?${p.toString()}`;
}
