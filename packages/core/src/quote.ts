// Received values quoted in error messages are cut, so a huge input never makes a huge message, and escaped, so no
// input can drive a terminal or reorder a line. Core's own messages, the edge API's and the CLI's use this one cut.

/** How many characters of a received value a message shows. */
export const QUOTE_MAX = 40;

/**
 * Characters JSON.stringify leaves as they are that a message must not print raw: DEL, the C1 controls (U+0080 to
 * U+009F; U+009B starts a terminal escape like ESC [), and the direction marks, embeddings, overrides and isolates
 * and the line and paragraph separators (U+061C, U+200E, U+200F, U+2028 to U+202E, U+2066 to U+2069) that reorder
 * or break a line. JSON.stringify already escapes the C0 controls.
 */
const UNESCAPED = /[\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
const unicodeEscape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
/** JSON with those characters escaped too: still JSON, and JSON.parse gives the text back. */
const json = (text: string) => JSON.stringify(text).replace(UNESCAPED, unicodeEscape);

const cut = (text: string, max: number, write: (shown: string) => string): string =>
  text.length > max ? `${write(`${text.slice(0, max)}…`)} (${text.length} characters)` : write(text);

/** A received string as JSON, cut to `max` characters, every control character escaped: `"12ab"`, `"\u001b[31m"`,
 *  or `"xxxx…" (5000 characters)`. */
export const quote = (text: string, max = QUOTE_MAX): string => cut(text, max, json);

/** The same cut without the JSON quotes, for a value that is not a string (a huge bigint):
 * `-1234… (5000 characters)`. */
export const shorten = (text: string, max = QUOTE_MAX): string => cut(text, max, String);
