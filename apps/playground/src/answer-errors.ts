// Which input an API refusal belongs to, so the message can be shown next to that input.

export type ErrorTarget = 'a' | 'b' | 'model' | 'form';

/** The API names the parameter first: `Query parameter "a" …`. Anything else belongs to the form as a whole. */
export function errorTarget(message: string): ErrorTarget {
  const match = /^(?:Query parameter|Parameter|Body field)\s+["'`]?(a|b|model)["'`]?(?=[\s:,;.]|$)/.exec(message);
  return (match?.[1] as ErrorTarget | undefined) ?? 'form';
}
