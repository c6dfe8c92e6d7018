// Layout for big graphs: each namespace box is laid out in layers on its own, then the boxes are arranged
// (in layers, or by fcose on the small graph of boxes). Dagre and fcose slow down far faster than the graph grows;
// this stays linear in nodes plus edges per sweep.
import { cytoscape } from './layoutExtensions';
import type { BoxedNode } from './groupBoxes';

export interface Sized {
  id: string;
  w: number;
  h: number;
}

export interface Arranged {
  /** Centers, relative to the top-left corner of the arrangement. */
  positions: Map<string, { x: number; y: number }>;
  width: number;
  height: number;
}

const SWEEPS = 4;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
const STRONGEST_TIES = 3;
const MAX_ASPECT = 1.6;
// Short chains stay on one row: wrapping only pays off for long ones.
const MIN_COLUMNS_PER_ROW = 6;

/** Ranks by longest path after dropping the edges that close a cycle (found by depth-first search). */
function ranks(ids: string[], out: Map<string, string[]>): Map<string, number> {
  const state = new Map<string, 1 | 2>();
  const order: string[] = [];
  const forward = new Map<string, string[]>();
  for (const root of ids) {
    if (state.has(root)) continue;
    // Iterative DFS: deep call chains in big meshes must not overflow the stack.
    const stack: [string, number][] = [[root, 0]];
    state.set(root, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const next = out.get(top[0]) ?? [];
      if (top[1] < next.length) {
        const child = next[top[1]++];
        const s = state.get(child);
        if (s === undefined) {
          state.set(child, 1);
          stack.push([child, 0]);
        }
        if (s !== 1) push(forward, top[0], child);
      } else {
        state.set(top[0], 2);
        order.push(top[0]);
        stack.pop();
      }
    }
  }
  const rank = new Map<string, number>(ids.map((id) => [id, 0]));
  for (let i = order.length - 1; i >= 0; i--) {
    const v = order[i];
    for (const w of forward.get(v) ?? []) rank.set(w, Math.max(rank.get(w)!, rank.get(v)! + 1));
  }
  return rank;
}

/** Layers left to right, nodes ordered by the barycenter of their neighbours, tall layers wrapped into columns. */
export function arrangeInLayers(items: Sized[], edges: [string, string][], gapX: number, gapY: number): Arranged {
  const ids = items.map((i) => i.id);
  const known = new Set(ids);
  const out = new Map<string, string[]>();
  const neighbours = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const [s, t] of edges) {
    if (!known.has(s) || !known.has(t) || s === t) continue;
    push(out, s, t);
    neighbours.get(s)!.push(t);
    neighbours.get(t)!.push(s);
  }
  const rank = ranks(ids, out);
  // A column holds at most about as many nodes as there are columns times three, so boxes stay roughly square.
  const maxRank = Math.max(0, ...rank.values());
  const perColumn = Math.max(4, Math.ceil(Math.sqrt(items.length * 3)));
  const layers: string[][] = [];
  for (const id of ids) (layers[rank.get(id)!] ??= []).push(id);
  const columns: string[][] = [];
  for (let r = 0; r <= maxRank; r++) {
    const layer = layers[r] ?? [];
    for (let i = 0; i < layer.length; i += perColumn) columns.push(layer.slice(i, i + perColumn));
  }
  const index = new Map<string, number>();
  const renumber = () => columns.forEach((col) => col.forEach((id, i) => index.set(id, i / Math.max(1, col.length - 1))));
  renumber();
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    for (const col of sweep % 2 === 0 ? columns : [...columns].reverse()) {
      const bary = new Map(
        col.map((id) => {
          const ns = neighbours.get(id)!;
          return [id, ns.length ? ns.reduce((sum, n) => sum + index.get(n)!, 0) / ns.length : index.get(id)!] as const;
        }),
      );
      col.sort((a, b) => bary.get(a)! - bary.get(b)!);
      col.forEach((id, i) => index.set(id, i / Math.max(1, col.length - 1)));
    }
  }
  const size = new Map(items.map((i) => [i.id, i]));
  const positions = new Map<string, { x: number; y: number }>();
  const heights = columns.map((col) => col.reduce((sum, id) => sum + size.get(id)!.h, 0) + gapY * Math.max(0, col.length - 1));
  const widths = columns.map((col) => Math.max(...col.map((id) => size.get(id)!.w)));
  // A long chain of layers would make a thin strip: wrap the columns into rows of about 1.6:1 overall.
  const totalWidth = widths.reduce((a, b) => a + b + gapX, 0);
  const tallest = Math.max(0, ...heights);
  const rowLimit = Math.max((totalWidth / Math.max(1, columns.length)) * MIN_COLUMNS_PER_ROW, Math.sqrt(totalWidth * tallest * MAX_ASPECT));
  const rows: number[][] = [[]];
  let used = 0;
  columns.forEach((_, c) => {
    if (used > 0 && used + widths[c] > rowLimit) {
      rows.push([]);
      used = 0;
    }
    rows[rows.length - 1].push(c);
    used += widths[c] + gapX;
  });
  let top = 0;
  let width = 0;
  for (const row of rows) {
    const rowHeight = Math.max(...row.map((c) => heights[c]));
    let x = 0;
    for (const c of row) {
      let y = top + (rowHeight - heights[c]) / 2;
      for (const id of columns[c]) {
        const h = size.get(id)!.h;
        positions.set(id, { x: x + widths[c] / 2, y: y + h / 2 });
        y += h + gapY;
      }
      x += widths[c] + gapX;
    }
    width = Math.max(width, x - gapX);
    top += rowHeight + gapY * 3;
  }
  return { positions, width: Math.max(0, width), height: Math.max(0, top - gapY * 3) };
}

// Room a compound box needs around its content: cytoscape padding plus the label on top.
const BOX_PADDING = 18;
const BOX_LABEL = 22;

/** Positions of the leaf nodes: namespaces laid out inside, boxes arranged in layers or by force. */
export function groupedLayout(
  nodes: BoxedNode[],
  edges: { source: string; target: string }[],
  arrange: 'layered' | 'force',
): Record<string, { x: number; y: number }> {
  const parentOf = new Map(nodes.map((n) => [n.id, n.parent]));
  const parents = new Set(nodes.flatMap((n) => (n.parent ? [n.parent] : [])));
  const leaves = nodes.filter((n) => !parents.has(n.id));
  const blockOf = (leaf: string) => parentOf.get(leaf) ?? `solo:${leaf}`;
  const clusterOf = (block: string) => (block.startsWith('solo:') ? parentOf.get(block.slice(5)) : parentOf.get(block)) ?? '';

  const members = new Map<string, BoxedNode[]>();
  for (const leaf of leaves) push(members, blockOf(leaf.id), leaf);
  const leafEdges = edges.filter((e) => !parents.has(e.source) && !parents.has(e.target));

  const inner = new Map<string, Arranged>();
  for (const [block, list] of members) {
    const set = new Set(list.map((n) => n.id));
    const within = leafEdges.filter((e) => set.has(e.source) && set.has(e.target)).map((e) => [e.source, e.target] as [string, string]);
    inner.set(block, arrangeInLayers(list, within, 70, 14));
  }
  const blockSize = (b: string): Sized => {
    const a = inner.get(b)!;
    const boxed = !b.startsWith('solo:');
    return { id: b, w: a.width + (boxed ? 2 * BOX_PADDING : 0), h: a.height + (boxed ? 2 * BOX_PADDING + BOX_LABEL : 0) };
  };
  const blockEdges = leafEdges.map((e) => [blockOf(e.source), blockOf(e.target)] as [string, string]).filter(([a, b]) => a !== b);

  const centers = new Map<string, { x: number; y: number }>();
  if (arrange === 'layered') {
    // Clusters stacked top to bottom; inside each, namespace boxes in layers by the calls between them.
    let top = 0;
    const byCluster = new Map<string, string[]>();
    for (const b of members.keys()) push(byCluster, clusterOf(b), b);
    for (const [, blocks] of [...byCluster].sort(([a], [b]) => a.localeCompare(b))) {
      const set = new Set(blocks);
      const arranged = arrangeInLayers(
        blocks.map(blockSize),
        blockEdges.filter(([a, b]) => set.has(a) && set.has(b)),
        90,
        50,
      );
      for (const [b, p] of arranged.positions) centers.set(b, { x: p.x, y: top + p.y });
      top += arranged.height + 2 * BOX_PADDING + BOX_LABEL + 80;
    }
  } else {
    // The graph of boxes is small (tens of nodes), so fcose lays it out quickly, but its repulsion grid slows down
    // with box sizes: lay out a scaled-down copy and scale the centers back up.
    const clusterIds = [...new Set([...members.keys()].map(clusterOf).filter(Boolean))];
    // Only each box's strongest ties pull: fcose's time grows with edges even on a few dozen nodes.
    const counts = new Map<string, number>();
    for (const [a, b] of blockEdges) {
      const key = a < b ? `${a}\n${b}` : `${b}\n${a}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const weights = new Set<string>();
    for (const b of members.keys()) {
      const ties = [...counts].filter(([k]) => k.split('\n').includes(b)).sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
      for (const [k] of ties.slice(0, STRONGEST_TIES)) weights.add(k);
    }
    const sizes = [...members.keys()].map(blockSize);
    const scale = Math.max(1, ...sizes.map((b) => Math.max(b.w, b.h) / 160));
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      style: [
        { selector: 'node[w]', style: { width: 'data(w)', height: 'data(h)' } },
        { selector: 'node', style: { padding: `${BOX_PADDING / scale}px` } },
      ],
      elements: [
        ...clusterIds.map((id) => ({ group: 'nodes' as const, data: { id } })),
        ...sizes.map((b) => ({ group: 'nodes' as const, data: { id: b.id, w: b.w / scale, h: b.h / scale, parent: clusterOf(b.id) || undefined } })),
        ...[...weights].map((k, i) => ({ group: 'edges' as const, data: { id: `w${i}`, source: k.split('\n')[0], target: k.split('\n')[1] } })),
      ],
    });
    cy.layout({
      name: 'fcose',
      quality: 'default',
      randomize: true,
      animate: false,
      fit: false,
      nodeRepulsion: 8000,
      idealEdgeLength: 60,
      nestingFactor: 0.3,
      nodeSeparation: 40,
      numIter: 1000,
    } as cytoscape.LayoutOptions).run();
    for (const b of members.keys()) {
      const p = cy.getElementById(b).position();
      centers.set(b, { x: p.x * scale, y: p.y * scale });
    }
    cy.destroy();
  }

  const positions: Record<string, { x: number; y: number }> = {};
  for (const [block, list] of members) {
    const a = inner.get(block)!;
    const c = centers.get(block)!;
    const labelShift = block.startsWith('solo:') ? 0 : BOX_LABEL / 2;
    for (const n of list) {
      const p = a.positions.get(n.id)!;
      positions[n.id] = { x: Math.round((c.x - a.width / 2 + p.x) * 10) / 10, y: Math.round((c.y - a.height / 2 + p.y + labelShift) * 10) / 10 };
    }
  }
  return positions;
}
