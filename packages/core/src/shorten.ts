// Values quoted in error messages are cut, so a huge input never makes a huge message.

/** `text` if at most `max` characters, else its first `max` and how long it was. */
export function shorten(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}
