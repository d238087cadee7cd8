// A tiny element builder, so the page needs no framework.

type Attrs = Record<string, string | number | boolean | null | undefined>;
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = String(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from index.html`);
  return el as T;
}

/** A canvas sized in CSS pixels and drawn at the screen's pixel density. */
export function sizeCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D {
  const ratio = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas is not available');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}

/** One floating tooltip shared by every canvas on the page. */
let tooltip: HTMLDivElement | null = null;
export function showTooltip(text: string, pageX: number, pageY: number): void {
  if (!tooltip) {
    tooltip = h('div', { class: 'tooltip', role: 'tooltip', id: 'tooltip', 'data-testid': 'tooltip' });
    document.body.append(tooltip);
  }
  tooltip.textContent = text;
  tooltip.hidden = false;
  const { innerWidth } = window;
  const left = Math.min(pageX + 14, window.scrollX + innerWidth - tooltip.offsetWidth - 8);
  tooltip.style.left = `${Math.max(4, left)}px`;
  tooltip.style.top = `${pageY + 16}px`;
}
export function hideTooltip(): void {
  if (tooltip) tooltip.hidden = true;
}

/**
 * Scrolls a horizontally scrolling box just enough to show [left, left + width) of its content; `inset`: the width of
 * what stays stuck over its left edge (row labels).
 */
export function keepInView(scroller: HTMLElement, left: number, width: number, inset = 0): void {
  if (left - inset < scroller.scrollLeft) scroller.scrollLeft = left - inset - 8;
  else if (left + width > scroller.scrollLeft + scroller.clientWidth)
    scroller.scrollLeft = left + width - scroller.clientWidth + 8;
}
