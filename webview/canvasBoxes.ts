// The cluster and namespace boxes on the canvas: plain nodes kept around what they contain, and dragged with it.
import type cytoscape from 'cytoscape';
import { boxMembers, boxRects, type BoxedNode, type BoxRect } from './groupBoxes';

/** An expanded cluster or namespace box: a plain node drawn under everything, sized to what it contains. */
export function isBox(n: cytoscape.NodeSingular): boolean {
  return n.hasClass('group') && !n.hasClass('collapsed');
}

/** The canvas nodes as the layout and the box geometry see them: sizes, boxes they sit in, current positions. */
export function canvasNodes(cy: cytoscape.Core): { nodes: BoxedNode[]; positions: Record<string, cytoscape.Position> } {
  const nodes: BoxedNode[] = [];
  const positions: Record<string, cytoscape.Position> = {};
  cy.nodes().forEach((n) => {
    nodes.push({ id: n.id(), parent: (n.data('box') as string | undefined) ?? undefined, w: n.data('w') as number, h: n.data('h') as number });
    if (!isBox(n)) positions[n.id()] = n.position();
  });
  return { nodes, positions };
}

export class CanvasBoxes {
  /** Content rectangle of every expanded box, as last put on the canvas. */
  rects = new Map<string, BoxRect>();
  /** While a box is dragged: what it contains, moved along with it. */
  private drag: { box: cytoscape.NodeSingular; members: cytoscape.NodeCollection; last: cytoscape.Position } | undefined;

  constructor(private readonly cy: cytoscape.Core) {}

  /** Sizes and places every box around what it contains now (after a layout, a refresh or a drag). */
  sync(): void {
    const cy = this.cy;
    const { nodes, positions } = canvasNodes(cy);
    this.rects = boxRects(nodes, positions);
    cy.batch(() => {
      for (const [id, r] of this.rects) {
        const box = cy.getElementById(id) as cytoscape.NodeSingular;
        if (box.data('w') !== r.w || box.data('h') !== r.h) box.data({ w: r.w, h: r.h });
        const p = box.position();
        if (p.x !== r.x || p.y !== r.y) box.position({ x: r.x, y: r.y });
      }
    });
  }

  /** Boxes are plain nodes: dragging one carries what it contains, and a dragged node stretches its boxes. */
  followDrags(): void {
    const cy = this.cy;
    cy.on('grab', 'node', (e) => {
      const n = e.target as cytoscape.NodeSingular;
      this.drag = isBox(n) ? { box: n, members: this.membersOf(n.id()), last: { ...n.position() } } : undefined;
    });
    cy.on('drag', 'node', (e) => {
      const drag = this.drag;
      if (drag && drag.box.same(e.target)) {
        const p = drag.box.position();
        drag.members.shift({ x: p.x - drag.last.x, y: p.y - drag.last.y });
        drag.last = { ...p };
      }
      this.sync();
    });
    cy.on('dragfree', 'node', () => {
      this.drag = undefined;
    });
  }

  private membersOf(boxId: string): cytoscape.NodeCollection {
    const inside = boxMembers(
      this.cy.nodes().map((n) => ({ id: n.id(), parent: n.data('box') as string | undefined })),
      boxId,
    );
    return this.cy.nodes().filter((n) => inside.has(n.id()));
  }
}
