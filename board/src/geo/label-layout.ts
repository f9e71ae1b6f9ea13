/** A label to place beside its circle: anchor and circle radius in map pixels, size of the label. */
export interface LabelToPlace {
  x: number;
  y: number;
  r: number;
  w: number;
  h: number;
  /** Indices (in LayoutSpace.circles) of the circles this label names: it may touch those. */
  own: readonly number[];
}

export interface Circle {
  x: number;
  y: number;
  r: number;
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface LayoutSpace {
  /** The map's size: labels stay inside it. */
  width: number;
  height: number;
  /** The markets' circles (a label may cover another's circle, but rather not). */
  circles: readonly Circle[];
  /** Other text already on the map (base-map place names): avoided when it costs little. */
  obstacles: readonly Box[];
  /** Space between a circle and its label, in pixels. */
  gap: number;
  /** Which side to try first ('left' in a province view, where the base map names cities on the right). */
  prefer: 'left' | 'right';
}

/**
 * Places each label beside its circle where it covers no other label (nor, if it can help it,
 * another circle or place name): first beside, then above or below, then stacked up or down
 * beside it. Returns each label's centre relative to its anchor, in the order given; labels are
 * placed in that order, so the important ones go first.
 */
export function placeLabels(labels: readonly LabelToPlace[], space: LayoutSpace): Array<{ dx: number; dy: number }> {
  const placed: Box[] = [];
  return labels.map((label) => {
    let best = { dx: 0, dy: 0, cost: Infinity };
    candidates(label, space).forEach((c, rank) => {
      const box = boxAt(label, c.dx, c.dy);
      const cost =
        100 * placed.reduce((sum, other) => sum + overlap(box, other), 0) +
        100 * outside(box, space) +
        10 * space.circles.reduce((sum, circle, i) => sum + (label.own.includes(i) ? 0 : circleOverlap(box, circle)), 0) +
        2 * space.obstacles.reduce((sum, other) => sum + overlap(box, other), 0) +
        rank * label.h * 2;
      if (cost < best.cost) best = { ...c, cost };
    });
    placed.push(boxAt(label, best.dx, best.dy));
    return { dx: best.dx, dy: best.dy };
  });
}

function candidates({ r, w, h }: LabelToPlace, { gap, prefer }: LayoutSpace): Array<{ dx: number; dy: number }> {
  const first = prefer === 'left' ? -1 : 1;
  const side = (sign: number, dy: number) => ({ dx: sign * (r + gap + w / 2), dy });
  const diagonal = (sx: number, sy: number) => ({
    dx: sx * (r * 0.71 + gap + w / 2),
    dy: sy * (r * 0.71 + gap / 2 + h / 2),
  });
  const list = [
    side(first, 0),
    side(-first, 0),
    { dx: 0, dy: -(r + gap + h / 2) },
    { dx: 0, dy: r + gap + h / 2 },
    diagonal(first, -1),
    diagonal(first, 1),
    diagonal(-first, -1),
    diagonal(-first, 1),
  ];
  // Stacked beside the circle, one line further up or down each time.
  for (let k = 1; k <= 4; k++) {
    const step = k * (h + gap / 2);
    list.push(side(first, -step), side(first, step), side(-first, -step), side(-first, step));
  }
  return list;
}

function boxAt({ x, y, w, h }: LabelToPlace, dx: number, dy: number): Box {
  return { left: x + dx - w / 2, top: y + dy - h / 2, width: w, height: h };
}

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
  const h = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

function outside(box: Box, { width, height }: LayoutSpace): number {
  return box.width * box.height - overlap(box, { left: 0, top: 0, width, height });
}

/** Area of a box inside a circle, roughly (the box against the circle's inscribed square and its bounding square). */
function circleOverlap(box: Box, { x, y, r }: Circle): number {
  if (r <= 0) return 0;
  const outer = overlap(box, { left: x - r, top: y - r, width: 2 * r, height: 2 * r });
  const s = r * Math.SQRT1_2;
  const inner = overlap(box, { left: x - s, top: y - s, width: 2 * s, height: 2 * s });
  return (outer + inner) / 2;
}
