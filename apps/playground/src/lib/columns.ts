// One column per bit, the same width in the bit table and in the serial model's heatmaps, behind the same gutter
// for the row labels: drawn in boxes of equal width and scrolled together, the columns line up.
export const BIT_COLUMN = 26;
export const LABEL_GUTTER = 58;

const groups = new WeakMap<HTMLElement, HTMLElement[]>();
/** The box being scrolled by the visitor; the others' scroll events are echoes of ours until the next frame. */
let leader: HTMLElement | null = null;

function follow(box: HTMLElement): void {
  if (leader && leader !== box) return;
  leader = box;
  for (const other of groups.get(box) ?? []) if (other !== box) other.scrollLeft = box.scrollLeft;
  requestAnimationFrame(() => (leader = null));
}

/** Scrolls every box in `boxes` sideways with whichever scrolls (a box joins one group at a time: the last). */
export function scrollTogether(boxes: HTMLElement[]): void {
  for (const box of boxes) {
    if (!groups.has(box)) box.addEventListener('scroll', () => follow(box));
    groups.set(box, boxes);
  }
}
