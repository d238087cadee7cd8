// Received values quoted in error messages are cut, so a huge input never makes a huge message. Core's own
// messages and the edge API's use this one cut.

/** How many characters of a received value a message shows. */
export const QUOTE_MAX = 40;

const cut = (text: string, max: number, write: (shown: string) => string): string =>
  text.length > max ? `${write(`${text.slice(0, max)}…`)} (${text.length} characters)` : write(text);

/** A received string as JSON, cut to `max` characters: `"12ab"`, or `"xxxx…" (5000 characters)`. */
export const quote = (text: string, max = QUOTE_MAX): string => cut(text, max, JSON.stringify);

/** The same cut without the JSON quotes, for a value that is not a string (a huge bigint): `-1234… (5000 characters)`. */
export const shorten = (text: string, max = QUOTE_MAX): string => cut(text, max, String);
