// Keyboard on the canvas: Tab walks nodes, arrows move to the nearest node that way, Enter opens the panel (pure).
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

/** What a key pressed on the canvas asks the view to do. */
export type KeyCommand =
  | { kind: 'select'; id: string }
  /** Enter: show the selection's details and move keyboard focus into the panel. */
  | { kind: 'open-details' }
  | { kind: 'clear-focus' }
  | { kind: 'close-details' }
  | { kind: 'zoom'; zoomIn: boolean }
  /** Show only the selected node and its neighbours. */
  | { kind: 'focus-neighbourhood'; id: string };

/** `preventDefault`: the key is the canvas's; otherwise the page handles it as usual (Tab past the last node leaves). */
export interface KeyOutcome {
  command?: KeyCommand;
  preventDefault: boolean;
}

/**
 * The command for a key, given the workloads on screen and what is selected and focused now. Escape first leaves a
 * focused neighbourhood, then closes the details.
 */
export function keyCommand(key: { key: string; shiftKey: boolean }, points: readonly Point[], view: { selected?: string; focus?: string }): KeyOutcome {
  const current = points.find((p) => p.id === view.selected);
  if (key.key === 'Tab') {
    const order = readingOrder(points);
    const at = current ? order.findIndex((p) => p.id === current.id) : -1;
    const next = at + (key.shiftKey ? -1 : 1);
    if (next < 0 || next >= order.length) return { preventDefault: false };
    return { command: { kind: 'select', id: order[next].id }, preventDefault: true };
  }
  if (key.key.startsWith('Arrow')) {
    const target = current ? nearestInDirection(current, points, key.key as Direction) : readingOrder(points)[0];
    return { command: target ? { kind: 'select', id: target.id } : undefined, preventDefault: true };
  }
  if (key.key === 'Enter' && view.selected) return { command: { kind: 'open-details' }, preventDefault: true };
  if (key.key === 'Escape') return { command: { kind: view.focus ? 'clear-focus' : 'close-details' }, preventDefault: false };
  if (key.key === '+' || key.key === '=') return { command: { kind: 'zoom', zoomIn: true }, preventDefault: false };
  if (key.key === '-') return { command: { kind: 'zoom', zoomIn: false }, preventDefault: false };
  if (key.key === 'f' && view.selected) return { command: { kind: 'focus-neighbourhood', id: view.selected }, preventDefault: false };
  return { preventDefault: false };
}
