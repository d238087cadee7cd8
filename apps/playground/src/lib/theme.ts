// Canvas colours come from the stylesheet's custom properties, so one place (styles.css) holds both
// themes; canvases are redrawn when the visitor's colour scheme changes.

/** The current value of a CSS custom property on :root, e.g. `colour('--ink')`. */
export function colour(name: `--${string}`): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#808080';
}

const dark = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;

/** Calls `redraw` whenever the colour scheme (light/dark) changes. */
export function onThemeChange(redraw: () => void): void {
  dark?.addEventListener('change', redraw);
}
