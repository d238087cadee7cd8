// Bounds on a weights file's `meta`, checked before the schema walks it. A trainer's meta is a few kilobytes (the
// shipped vector model's is 18 KB); a history of a million epochs, megabytes of notes or deep nesting are refused on
// their size, in time bounded by the limits rather than by the input.

/** The most `meta` may hold. */
export const META_LIMITS = {
  /** Entries of `meta.history` and of `meta.holdoutExperiment.history` (one per epoch). */
  historyEntries: 10_000,
  /** Values in all, at any depth: every object, array, string, number, boolean and null counts one. */
  values: 250_000,
  /** Characters of text in all: every string and every object key. */
  textCharacters: 1_000_000,
  /** Levels of nesting below `meta` itself. */
  depth: 32,
} as const;

export interface MetaBoundsIssue {
  /** Keys from `meta` down to the offending value (empty for meta as a whole). */
  path: (string | number)[];
  message: string;
}

interface Entry {
  value: unknown;
  depth: number;
  key: string | number;
  parent: Entry | undefined;
}

const pathOf = (entry: Entry | undefined): (string | number)[] => {
  const path: (string | number)[] = [];
  for (let e = entry; e?.parent; e = e.parent) path.unshift(e.key);
  return path;
};

/** record[key] when record is a plain object (not an array), else undefined. */
const field = (record: unknown, key: string): unknown =>
  record !== null && typeof record === 'object' && !Array.isArray(record) && Object.hasOwn(record, key)
    ? (record as Record<string, unknown>)[key]
    : undefined;

const tooMany = (values: number): MetaBoundsIssue => ({
  path: [],
  message: `expected at most ${values} values (objects, arrays, strings, numbers…) in all`,
});

/** The first limit `meta` breaks, or undefined. Visits at most META_LIMITS.values values, without recursion. */
export function checkMetaBounds(meta: unknown): MetaBoundsIssue | undefined {
  // Anything but an object is the schema's to refuse (`expected an object, got …`).
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) return undefined;
  const { historyEntries, values, textCharacters, depth } = META_LIMITS;
  const histories: [string[], unknown][] = [
    [['history'], field(meta, 'history')],
    [['holdoutExperiment', 'history'], field(field(meta, 'holdoutExperiment'), 'history')],
  ];
  for (const [path, history] of histories) {
    if (Array.isArray(history) && history.length > historyEntries) {
      return { path, message: `expected at most ${historyEntries} entries, got ${history.length}` };
    }
  }
  let count = 0;
  let text = 0;
  const stack: Entry[] = [{ value: meta, depth: 0, key: '', parent: undefined }];
  while (stack.length) {
    const entry = stack.pop() as Entry;
    const { value } = entry;
    count++;
    if (typeof value === 'string') text += value.length;
    if (text > textCharacters) {
      return { path: [], message: `expected at most ${textCharacters} characters of text (strings and keys) in all` };
    }
    if (value === null || typeof value !== 'object') continue;
    if (entry.depth >= depth) {
      return { path: pathOf(entry), message: `expected at most ${depth} levels of nesting below meta` };
    }
    // An array's length is known without walking it, so a huge one is refused at once.
    const size = Array.isArray(value) ? value.length : 0;
    if (count + stack.length + size > values) return tooMany(values);
    if (Array.isArray(value)) {
      for (let k = size - 1; k >= 0; k--)
        stack.push({ value: value[k], depth: entry.depth + 1, key: k, parent: entry });
      continue;
    }
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      text += key.length;
      if (count + stack.length >= values) return tooMany(values);
      stack.push({ value: (value as Record<string, unknown>)[key], depth: entry.depth + 1, key, parent: entry });
    }
  }
  return undefined;
}
