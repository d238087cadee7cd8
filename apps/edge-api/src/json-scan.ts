// A linear pre-scan of a JSON body before JSON.parse: it bounds what parsing could cost. JSON.parse and the schema
// spend time per nesting level and per value, so 3 MB of '[' (1.5 million levels) or of '[],' (a million arrays)
// would cost seconds. The scan jumps from one structural character to the next with a regular expression and over
// strings with indexOf (both native: whitespace, digits and the insides of strings cost next to nothing), takes a few
// steps of JavaScript per array, object, string or comma, and stops at the first one past a limit, so its own work is
// bounded by the limits. It does not check the syntax: JSON.parse does, on what the scan lets through.

/** Arrays and objects inside one another: the schema needs 3 (the body, pairs, a pair); a wrong value in a pair (an
 * array where an operand goes) may nest a few more and still be named by its own error. */
export const MAX_DEPTH = 8;
/** Values: arrays, objects, strings (keys too) and commas. A full batch of 1,000 pairs has about 7,000. */
export const MAX_VALUES = 20_000;

/** The limit a body passed, and the index of the character where it did. */
export type JsonFault = { fault: 'depth'; at: number } | { fault: 'values'; at: number };

const BACKSLASH = 0x5c;

/** The first limit the text passes, or null when it stays within both (or stops being JSON: JSON.parse says where). */
export function scanJson(text: string, maxDepth = MAX_DEPTH, maxValues = MAX_VALUES): JsonFault | null {
  const structural = /[[\]{},"]/g; // test() moves lastIndex past the next one, without building a match
  let depth = 0;
  let values = 0;
  while (structural.test(text)) {
    const at = structural.lastIndex - 1;
    const char = text[at];
    if (char === ']' || char === '}') {
      if (--depth < 0) return null; // a closer with no opener: not JSON, and JSON.parse stops there
      continue;
    }
    if (++values > maxValues) return { fault: 'values', at };
    if ((char === '[' || char === '{') && ++depth > maxDepth) return { fault: 'depth', at };
    if (char === '"') structural.lastIndex = closingQuote(text, at + 1) + 1;
  }
  return null;
}

/**
 * The index of the quote that ends a string whose first character is at `from` (the end, when it never ends). Each
 * quote found looks back over the backslashes just before it: an odd run escapes it. Every run is looked at once.
 */
function closingQuote(text: string, from: number): number {
  for (let at = text.indexOf('"', from); at !== -1; at = text.indexOf('"', at + 1)) {
    let backslashes = 0;
    while (at - 1 - backslashes >= from && text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
  return text.length;
}
