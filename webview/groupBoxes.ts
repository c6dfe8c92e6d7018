// Cluster and namespace boxes as plain background shapes: their rectangles, computed from the nodes they contain.
// Cytoscape compound parents recomputed these bounds, ancestors and style caches for every element on every change,
// which dominated the first render of a big graph.

/** Space between a box's border and what it contains; the canvas style uses the same value. */
export const BOX_PADDING = 14;
/** Room above a box for its title (12px bold), inside the box that contains it. */
export const BOX_TITLE = 18;
/** A node's border reaches beyond its width and height (the thickest border is 3px, half of it outside). */
const NODE_BORDER = 2;

export interface BoxedNode {
  id: string;
  /** The box this node sits in. */
  parent?: string;
  w: number;
  h: number;
}

/** Center and size of a box's content; the box drawn is this plus BOX_PADDING on every side. */
export interface BoxRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Extent {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

function grow(into: Map<string, Extent>, id: string, x1: number, y1: number, x2: number, y2: number): void {
  const e = into.get(id);
  if (!e) into.set(id, { x1, y1, x2, y2 });
  else {
    e.x1 = Math.min(e.x1, x1);
    e.y1 = Math.min(e.y1, y1);
    e.x2 = Math.max(e.x2, x2);
    e.y2 = Math.max(e.y2, y2);
  }
}

/** Ids of the nodes that contain others: the boxes. Everything else (workloads, collapsed boxes) is placed. */
export function containers(nodes: readonly BoxedNode[]): Set<string> {
  return new Set(nodes.flatMap((n) => (n.parent ? [n.parent] : [])));
}

/**
 * Content rectangle of every box that contains at least one placed node: the outer edges of what it contains, where a
 * box inside it counts with its padding and its title. Nodes without a position are left out.
 */
export function boxRects(nodes: readonly BoxedNode[], positions: Readonly<Record<string, { x: number; y: number }>>): Map<string, BoxRect> {
  const boxes = containers(nodes);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const depth = (id: string) => {
    let d = 0;
    for (let p = byId.get(id)?.parent; p && d <= nodes.length; p = byId.get(p)?.parent) d++;
    return d;
  };
  const content = new Map<string, Extent>();
  for (const n of nodes) {
    if (boxes.has(n.id) || !n.parent) continue;
    const p = positions[n.id];
    if (!p) continue;
    const hw = n.w / 2 + NODE_BORDER;
    const hh = n.h / 2 + NODE_BORDER;
    grow(content, n.parent, p.x - hw, p.y - hh, p.x + hw, p.y + hh);
  }
  // Innermost first, so a box is complete before it is added to the one around it.
  const order = [...boxes].filter((id) => byId.has(id)).sort((a, b) => depth(b) - depth(a));
  const rects = new Map<string, BoxRect>();
  for (const id of order) {
    const e = content.get(id);
    if (!e) continue;
    rects.set(id, { x: (e.x1 + e.x2) / 2, y: (e.y1 + e.y2) / 2, w: e.x2 - e.x1, h: e.y2 - e.y1 });
    const parent = byId.get(id)!.parent;
    if (parent)
      grow(
        content,
        parent,
        e.x1 - BOX_PADDING - NODE_BORDER,
        e.y1 - BOX_PADDING - BOX_TITLE,
        e.x2 + BOX_PADDING + NODE_BORDER,
        e.y2 + BOX_PADDING + NODE_BORDER,
      );
  }
  return rects;
}

/** Model-space rectangle around everything drawn: placed nodes, and boxes with padding and title. */
export function drawnExtent(
  nodes: readonly BoxedNode[],
  positions: Readonly<Record<string, { x: number; y: number }>>,
  rects: ReadonlyMap<string, BoxRect>,
): Extent | undefined {
  const all = new Map<string, Extent>();
  for (const n of nodes) {
    const r = rects.get(n.id);
    const p = positions[n.id];
    if (r) grow(all, '', r.x - r.w / 2 - BOX_PADDING, r.y - r.h / 2 - BOX_PADDING - BOX_TITLE, r.x + r.w / 2 + BOX_PADDING, r.y + r.h / 2 + BOX_PADDING);
    else if (p) grow(all, '', p.x - n.w / 2, p.y - n.h / 2, p.x + n.w / 2, p.y + n.h / 2);
  }
  return all.get('');
}

/** Ids of the nodes inside a box, at any depth: what dragging the box carries along. */
export function boxMembers(nodes: readonly Pick<BoxedNode, 'id' | 'parent'>[], boxId: string): Set<string> {
  const boxOf = new Map(nodes.map((n) => [n.id, n.parent]));
  const inside = (id: string) => {
    for (let b = boxOf.get(id); b; b = boxOf.get(b)) if (b === boxId) return true;
    return false;
  };
  return new Set(nodes.filter((n) => inside(n.id)).map((n) => n.id));
}
