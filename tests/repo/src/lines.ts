// Line width as Biome's formatter counts it: characters (code points), not bytes.

export const MAX_LINE = 120;

/** The 1-based numbers of the lines of `text` longer than `max` characters. */
export function longLines(text: string, max = MAX_LINE): number[] {
  return text.split('\n').flatMap((line, i) => ([...line.replace(/\r$/, '')].length > max ? [i + 1] : []));
}
