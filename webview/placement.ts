// Where nodes go when no layout has placed them, and the viewport that shows a drawn extent (pure, testable in Node).

export interface Position {
  x: number;
  y: number;
}

/** Room left around the graph when the view is fitted to it, in screen pixels. */
export const FIT_PADDING = 30;

/** The `index`-th of `count` nodes on a square grid: a cheap first picture while the real layout runs off-thread. */
export function gridPosition(index: number, count: number): Position {
  const columns = Math.max(1, Math.ceil(Math.sqrt(count)));
  return { x: (index % columns) * 160, y: Math.floor(index / columns) * 70 };
}

/**
 * Places nodes a live edit added, without moving anything else: beside the middle of their neighbours, staggered so
 * several new nodes do not pile up; a node without placed neighbours goes in a column right of everything else.
 * `others`: the extent of the nodes already placed (its right and top edges; not finite when there are none).
 */
export function placeNearNeighbours(
  ids: readonly string[],
  neighbours: (id: string) => readonly Position[],
  others: { x2: number; y1: number },
): Record<string, Position> {
  const out: Record<string, Position> = {};
  ids.forEach((id, i) => {
    const around = neighbours(id);
    if (around.length > 0) {
      let c = { x: 0, y: 0 };
      for (const n of around) c = { x: c.x + n.x / around.length, y: c.y + n.y / around.length };
      out[id] = { x: c.x + 60 + (i % 3) * 20, y: c.y + 50 + i * 8 };
    } else {
      out[id] = { x: (Number.isFinite(others.x2) ? others.x2 : 0) + 120, y: (Number.isFinite(others.y1) ? others.y1 : 0) + i * 60 };
    }
  });
  return out;
}

/**
 * What `cy.fit` does, from a model-space extent: the zoom (within the canvas's limits) that shows it whole with
 * FIT_PADDING around it, and the pan that centers it.
 */
export function fitViewport(
  extent: { x1: number; y1: number; x2: number; y2: number },
  view: { width: number; height: number; minZoom: number; maxZoom: number },
): { zoom: number; pan: Position } {
  const { x1, y1, x2, y2 } = extent;
  const fits = Math.min((view.width - 2 * FIT_PADDING) / (x2 - x1), (view.height - 2 * FIT_PADDING) / (y2 - y1));
  const zoom = Math.min(view.maxZoom, Math.max(view.minZoom, fits));
  return { zoom, pan: { x: (view.width - zoom * (x1 + x2)) / 2, y: (view.height - zoom * (y1 + y2)) / 2 } };
}
