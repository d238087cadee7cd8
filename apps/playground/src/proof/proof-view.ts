// The proof panel: the status line (on the first screen) and the picture (below it) for the page's current serial
// model. The certified cells of each carry class on the state's two principal axes, above the two-state automaton
// the proof shows the model to be, with the current sum's path drawn over the cells in step with the scrubber.
// Proving runs in a worker (proof.worker.ts), ended when the model changes.
import type { Weights } from '@lstm-adder/core';
import { h } from '../lib/dom';
import { startWorkerJob } from '../lib/worker-job';
import { certificateOf } from './certificates';
import { type Edge, edgeLabel, type ProofState, proofStatusText, project } from './proof-data';
import type { ProofMessage, ProofOutcome, ProofRequest } from './proof-protocol';

/** The model whose proof is shown: the shipped serial model, a serial model of yours, or none (vector). */
export type ProofSubject = { kind: 'shipped' } | { kind: 'yours'; weights: Weights } | null;

export interface ProofPanel {
  show(subject: ProofSubject): void;
  /** The current sum's states (h, c after each step), or null when there is no serial trace. */
  path(steps: readonly { h: number[]; c: number[] }[] | null): void;
  /** The scrubber's step, and the automaton edge it takes (edgeIndex), or null. */
  step(step: number | null, edge: number | null): void;
}

const SVG = 'http://www.w3.org/2000/svg';
function s<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number> = {},
  ...children: (Node | string)[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...children);
  return el;
}

// The picture's layout, in viewBox units (about CSS pixels in the card): the cells above, the automaton below.
const W = 600;
const H = 540;
const CELLS = { x: 4, y: 4, w: 592, h: 310 };
const FRAME = { x: CELLS.x, y: CELLS.y, width: CELLS.w, height: CELLS.h };
const NODE = { r: 30, y: 425, x0: 240, x1: 360 };
const en = (n: number) => n.toLocaleString('en-GB');

export function createProofPanel(els: {
  line: HTMLElement;
  status: HTMLElement;
  card: HTMLElement;
  figure: HTMLElement;
}) {
  const title = s('title', { id: 'proof-picture-title' });
  const desc = s('desc', { id: 'proof-picture-desc' });
  const cellsLayer = s('g', { class: 'proof-cells' });
  const pathLayer = s('g', { class: 'proof-path' });
  const automaton = s('g', { class: 'proof-automaton' });
  const svg = s(
    'svg',
    {
      viewBox: `0 0 ${W} ${H}`,
      role: 'img',
      'aria-labelledby': 'proof-picture-title',
      'aria-describedby': 'proof-picture-desc',
      'data-testid': 'proof-picture',
      class: 'proof-picture',
    },
    title,
    desc,
    s('defs', {}, s('clipPath', { id: 'proof-clip' }, s('rect', FRAME))),
    s('rect', { ...FRAME, class: 'proof-frame' }),
    cellsLayer,
    s('g', { 'clip-path': 'url(#proof-clip)' }, pathLayer),
    automaton,
  );
  const caption = h('figcaption', { class: 'small muted' });
  els.figure.replaceChildren(h('figure', { class: 'proof-figure' }, svg, caption));

  let stop = () => {};
  let subjectKey: unknown;
  let outcome: ProofOutcome | null = null;
  let states: readonly { h: number[]; c: number[] }[] | null = null;
  let current: { step: number | null; edge: number | null } = { step: null, edge: null };
  /** Plane coordinates → viewBox, fixed per picture so the path does not rescale with the sum. */
  let toView: ((p: [number, number]) => [number, number]) | null = null;

  const setStatus = (state: ProofState) => {
    els.status.textContent = proofStatusText(state);
    els.status.dataset.state = state.kind;
    // Progress comes ten times a second: screen readers hear the outcome, not every count.
    els.status.setAttribute('aria-busy', String(['checking', 'proving', 'searching'].includes(state.kind)));
  };

  function drawCells(o: ProofOutcome): void {
    cellsLayer.replaceChildren();
    toView = null;
    const pic = o.picture;
    if (!pic) return;
    const [x0, x1, y0, y1] = pic.bounds;
    const pad = 0.04 * Math.max(x1 - x0, y1 - y0, 1e-9);
    // One scale for both axes: the shapes are the state space's, not stretched.
    const k = Math.min(CELLS.w / (x1 - x0 + 2 * pad), CELLS.h / (y1 - y0 + 2 * pad));
    const cx = CELLS.x + CELLS.w / 2 - (k * (x0 + x1)) / 2;
    const cy = CELLS.y + CELLS.h / 2 + (k * (y0 + y1)) / 2;
    toView = ([x, y]) => [cx + k * x, cy - k * y];
    pic.cells.forEach((rects, carry) => {
      let d = '';
      for (let i = 0; i < rects.length; i += 4) {
        const [x, y] = toView!([rects[i]! - rects[i + 2]!, rects[i + 1]! + rects[i + 3]!]);
        const w = Math.max(0.6, 2 * k * rects[i + 2]!);
        const hh = Math.max(0.6, 2 * k * rects[i + 3]!);
        d += `M${x.toFixed(1)} ${y.toFixed(1)}h${w.toFixed(1)}v${hh.toFixed(1)}h${(-w).toFixed(1)}z`;
      }
      cellsLayer.append(
        s('path', { d, class: `cells carry-${carry}`, 'data-carry': carry, 'data-cells': rects.length / 4 }),
      );
    });
    const legend = [0, 1].flatMap((carry) => [
      s('rect', { x: CELLS.x + 8, y: CELLS.y + 8 + 18 * carry, width: 12, height: 12, class: `key carry-${carry}` }),
      s('text', { x: CELLS.x + 26, y: CELLS.y + 18 + 18 * carry }, `cells of carry ${carry}`),
    ]);
    cellsLayer.append(
      ...legend,
      s('text', { x: CELLS.x + 6, y: CELLS.y + CELLS.h - 8, class: 'axis-label' }, 'principal axis 1 →'),
      s(
        'text',
        {
          x: CELLS.x + 14,
          y: CELLS.y + CELLS.h - 24,
          class: 'axis-label',
          transform: `rotate(-90 ${CELLS.x + 14} ${CELLS.y + CELLS.h - 24})`,
        },
        'axis 2 →',
      ),
    );
  }

  function drawAutomaton(edges: Edge[] | null): void {
    automaton.replaceChildren();
    if (!edges) return;
    const { r, y, x0, x1 } = NODE;
    const xs = [x0, x1];
    for (const carry of [0, 1])
      automaton.append(
        s('circle', { cx: xs[carry]!, cy: y, r, class: `node carry-${carry}` }),
        s('text', { x: xs[carry]!, y: y - 3, class: 'node-label' }, 'carry'),
        s('text', { x: xs[carry]!, y: y + 13, class: 'node-label' }, String(carry)),
      );
    // The arrows between the states: 11 from carry 0 (above), 00 from carry 1 (below).
    const cross = (from: number) => {
      const sign = from === 0 ? -1 : 1;
      const [a, b] = from === 0 ? [x0, x1] : [x1, x0];
      const lift = sign * 60;
      const [from0, to0, end] = [a + (b - a) * 0.15, b - (b - a) * 0.15, y + sign * (r - 6)];
      return `M${from0} ${end} Q${(a + b) / 2} ${y + lift} ${to0} ${end}`;
    };
    const loop = (carry: number) => {
      const x = xs[carry]!;
      const side = carry === 0 ? -1 : 1;
      const [near, far] = [x + side * r * 0.7, x + side * 95];
      return `M${near} ${y - r * 0.7} C${far} ${y - 70} ${far} ${y + 70} ${near} ${y + r * 0.7}`;
    };
    automaton.append(
      s(
        'defs',
        {},
        s(
          'marker',
          {
            id: 'proof-arrow',
            viewBox: '0 0 10 10',
            refX: 9,
            refY: 5,
            markerWidth: 7,
            markerHeight: 7,
            orient: 'auto-start-reverse',
          },
          s('path', { d: 'M0 0L10 5L0 10z', class: 'arrow-head' }),
        ),
      ),
    );
    const loops = [0, 1].map((carry) =>
      s('path', { d: loop(carry), class: 'edge', 'marker-end': 'url(#proof-arrow)', 'data-loop': carry }),
    );
    automaton.append(...loops);
    const rows = [0, 0];
    edges.forEach((e, k) => {
      const text = `${edgeLabel(e)} (${e.minLogit.toFixed(2)})`;
      const label =
        `from carry ${e.carry}, reading a = ${e.a}, b = ${e.b}: sum bit ${e.sum}, to carry ${e.carryOut}, ` +
        `certified margin ${e.minLogit.toFixed(3)}`;
      let el: SVGTextElement;
      if (e.carryOut !== e.carry) {
        const path = s('path', { d: cross(e.carry), class: 'edge', 'marker-end': 'url(#proof-arrow)', 'data-edge': k });
        automaton.append(path);
        el = s(
          'text',
          { x: (x0 + x1) / 2, y: e.carry === 0 ? y - 40 : y + 54, class: 'edge-label', 'data-edge': k },
          text,
        );
      } else {
        const side = e.carry === 0 ? -1 : 1;
        const row = rows[e.carry]!++;
        el = s(
          'text',
          {
            x: xs[e.carry]! + side * 100,
            y: y - 14 + 16 * row,
            class: `edge-label ${side < 0 ? 'end' : 'start'}`,
            'data-edge': k,
          },
          text,
        );
      }
      el.append(s('title', {}, label));
      automaton.append(el);
    });
    automaton.append(
      s('text', { x: (x0 + x1) / 2, y: H - 14, class: 'axis-label middle' }, 'ab/sum (certified margin)'),
    );
  }

  function drawPath(): void {
    pathLayer.replaceChildren();
    for (const el of automaton.querySelectorAll('.current')) el.classList.remove('current');
    if (!toView || !outcome?.picture || !states) return;
    const plane = outcome.picture.plane;
    const zero = new Array<number>(plane.origin.length).fill(0);
    const points = [zero, ...states.map((st) => [...st.h, ...st.c])].map((p) => toView!(project(plane, p)));
    const line = points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
    pathLayer.append(s('polyline', { points: line, class: 'trajectory' }));
    const { step, edge } = current;
    if (step !== null && points[step + 1]) {
      const [xa, ya] = points[step]!;
      const [xb, yb] = points[step + 1]!;
      pathLayer.append(
        s('line', { x1: xa, y1: ya, x2: xb, y2: yb, class: 'trajectory current' }),
        s('circle', { cx: xb, cy: yb, r: 5, class: 'state current', 'data-step': step }),
      );
    }
    if (edge !== null)
      for (const el of automaton.querySelectorAll(`[data-edge="${edge}"]`)) el.classList.add('current');
    describe();
  }

  function describe(): void {
    if (!outcome?.picture || !outcome.edges) {
      title.textContent = 'The proof picture';
      desc.textContent = outcome ? 'No cells to draw: the model is not proven.' : 'The picture comes with the proof.';
      return;
    }
    const [n0, n1] = outcome.picture.cells.map((r) => r.length / 4);
    title.textContent = 'The proof: the certified cells of each carry and the two-state automaton';
    const where =
      states && current.step !== null
        ? ` The current sum's path runs through them; step ${current.step + 1} of ${states.length} is highlighted.`
        : '';
    desc.textContent =
      `${en(n0!)} cells hold the states with carry 0 (blue) and ${en(n1!)} those with carry 1 (orange), drawn on the ` +
      `state's two principal axes.${where} Below them, the automaton: from each carry, each pair of bits read ` +
      'writes one sum bit and leads to the next carry; every edge is labelled with its smallest certified margin.';
  }

  function finish(o: ProofOutcome): void {
    outcome = o;
    setStatus(o.state);
    els.card.hidden = false;
    drawCells(o);
    drawAutomaton(o.edges);
    drawPath();
    describe();
    const how = o.how === 'checked' ? 'its certificate re-checked' : 'proved';
    caption.textContent =
      o.state.kind === 'proven'
        ? `In this tab, ${how} by @lstm-adder/core/proof in ${o.seconds.toFixed(2)} s. Above: every state the ` +
          'model reaches (after each pair of steps) lies in these cells, those of carry 0 in blue, of carry 1 in ' +
          'orange; the line is the current sum, the ring its step. Below: what the cells prove the model is, a ' +
          'two-state automaton, each edge “bits read / sum bit written (smallest certified margin)”.'
        : 'No picture: the model is not proven.';
    svg.dataset.state = o.state.kind;
  }

  function show(subject: ProofSubject): void {
    const key = subject === null ? null : subject.kind === 'shipped' ? 'shipped' : subject.weights;
    if (key === subjectKey) return;
    subjectKey = key;
    stop();
    outcome = null;
    cellsLayer.replaceChildren();
    automaton.replaceChildren();
    pathLayer.replaceChildren();
    toView = null;
    svg.dataset.state = 'working';
    els.line.hidden = subject === null;
    if (subject === null) {
      els.card.hidden = true;
      return;
    }
    const request: ProofRequest =
      subject.kind === 'shipped'
        ? { model: 'shipped' }
        : { model: 'yours', weights: subject.weights, certificate: certificateOf(subject.weights) };
    setStatus(
      request.model === 'shipped' || request.certificate ? { kind: 'checking' } : { kind: 'proving', cells: 0 },
    );
    caption.textContent = 'Proving in a worker…';
    describe();
    stop = startWorkerJob<ProofMessage>(
      () => new Worker(new URL('./proof.worker.ts', import.meta.url), { type: 'module' }),
      request,
      {
        message(m) {
          if (m.type === 'checking' || m.type === 'searching') setStatus({ kind: m.type });
          else if (m.type === 'progress') setStatus({ kind: 'proving', cells: m.cells });
          else if (m.type === 'done') finish(m.outcome);
        },
        failed(reason) {
          setStatus({ kind: 'failed', reason });
          svg.dataset.state = 'failed';
        },
      },
    );
  }

  return {
    show,
    path(next) {
      states = next;
      if (!next) current = { step: null, edge: null };
      drawPath();
    },
    step(step, edge) {
      current = { step, edge };
      drawPath();
    },
  } satisfies ProofPanel;
}
