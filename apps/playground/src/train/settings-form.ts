// The Train view's settings (URL state, train/train-settings.ts): model, hidden units, learning rate, batch size,
// seed and TF.js backend. A changed setting starts a fresh run.
import { h } from '../lib/dom';
import { BACKEND_CHOICES, type BackendChoice, type TrainSettings } from './protocol';
import { ARCH_DEFAULTS, LIMITS, parseSetting } from './train-settings';

export interface SettingsForm {
  element: HTMLElement;
  /** Shows these settings (what is used: a value out of range shows the default that replaced it). */
  show(settings: TrainSettings): void;
}

const BACKEND_TEXT: Record<BackendChoice, string> = { auto: 'auto', wasm: 'wasm', webgl: 'webgl', cpu: 'cpu' };

export function createSettingsForm(current: () => TrainSettings, change: (next: TrainSettings) => void): SettingsForm {
  const arch = h(
    'select',
    { id: 'train-arch', 'data-testid': 'train-arch' },
    h('option', { value: 'serial' }, 'serial (any length)'),
    h('option', { value: 'vector' }, 'vector (0 to 127)'),
  );
  const number = (id: string, limits: readonly [number, number], step: string) =>
    h('input', { id, type: 'number', 'data-testid': id, min: limits[0], max: limits[1], step });
  const hidden = number('train-hidden', LIMITS.hidden, '1');
  const lr = number('train-lr', LIMITS.lr, 'any');
  const batch = number('train-batch', LIMITS.batch, '1');
  const seed = number('train-seed', LIMITS.seed, '1');
  const backend = h(
    'select',
    { id: 'train-backend-choice', 'data-testid': 'train-backend-choice', 'aria-describedby': 'train-backend-hint' },
    ...BACKEND_CHOICES.map((b) => h('option', { value: b }, BACKEND_TEXT[b])),
  );
  const field = (label: string, control: HTMLElement, hint?: HTMLElement) =>
    h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hint);
  const backendHint = h(
    'p',
    { class: 'hint', id: 'train-backend-hint' },
    'auto: WebAssembly, unless a real GPU is reported',
  );

  arch.addEventListener('change', () => {
    const next = arch.value === 'vector' ? 'vector' : 'serial';
    change({ ...ARCH_DEFAULTS[next], arch: next, backend: current().backend });
  });
  for (const [input, key] of [
    [hidden, 'hidden'],
    [lr, 'lr'],
    [batch, 'batch'],
    [seed, 'seed'],
  ] as const) {
    input.addEventListener('change', () => {
      // Out of range or not a number: the arch's default, and the field shows what is used.
      const s = current();
      change({ ...s, [key]: parseSetting(key, input.value) ?? ARCH_DEFAULTS[s.arch][key] });
    });
  }
  backend.addEventListener('change', () => change({ ...current(), backend: backend.value as BackendChoice }));

  return {
    element: h(
      'form',
      { class: 'train-settings', novalidate: true },
      field('Model', arch),
      field('Hidden units', hidden),
      field('Learning rate', lr),
      field('Batch size', batch),
      field('Seed', seed),
      field('Backend', backend, backendHint),
    ),
    show(s) {
      arch.value = s.arch;
      hidden.value = String(s.hidden);
      lr.value = String(s.lr);
      batch.value = String(s.batch);
      seed.value = String(s.seed);
      backend.value = s.backend;
    },
  };
}
