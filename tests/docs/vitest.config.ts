// `npm test`: the docs test's own parts (extracting, planning, comparing). The docs test itself, which runs the
// READMEs on a fresh clone, is `npm run test:docs` (vitest.docs.config.ts).
export { default } from '../../vitest.shared.js';
