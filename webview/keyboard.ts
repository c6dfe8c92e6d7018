// Keyboard navigation on the canvas: Tab walks nodes, arrows move to the nearest node that way, Enter opens the panel.
export interface Point {
  id: string;
  x: number;
  y: number;
}

export type Direction = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';

/**
 * Nearest point in a direction: points inside the 90° cone that way come first (so Down never jumps sideways
 * to a node barely lower), then anything on that side; among them, straight ahead beats off to the side.
 */
export function nearestInDirection(from: Point, points: readonly Point[], direction: Direction): Point | undefined {
  let best: Point | undefined;
  let bestScore = Infinity;
  for (const p of points) {
    if (p.id === from.id) continue;
    const dx = p.x - from.x;
    const dy = p.y - from.y;
    const ahead = direction === 'ArrowRight' ? dx : direction === 'ArrowLeft' ? -dx : direction === 'ArrowDown' ? dy : -dy;
    const side = direction === 'ArrowRight' || direction === 'ArrowLeft' ? Math.abs(dy) : Math.abs(dx);
    if (ahead <= 0) continue;
    const outsideCone = side > ahead ? 1e9 : 0;
    const score = outsideCone + ahead + side * 2;
    if (score < bestScore) {
      bestScore = score;
      best = p;
    }
  }
  return best;
}

/** Reading order: top to bottom, then left to right (rows of 40 units), so Tab follows what the eye sees. */
export function readingOrder(points: readonly Point[]): Point[] {
  return [...points].sort((a, b) => Math.round(a.y / 40) - Math.round(b.y / 40) || a.x - b.x || a.id.localeCompare(b.id));
}
