// README length in words, counted as `wc -w` counts them: runs of characters between whitespace.

/** Each README at most this many words (issue 18). */
export const MAX_WORDS_EACH = 1_800;
/** All READMEs together at most this many words. */
export const MAX_WORDS_ALL = 6_000;

export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
