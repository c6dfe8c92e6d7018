// Keyboard navigation geometry: arrows pick the nearest node that way, Tab follows reading order.
import assert from 'node:assert/strict';
import { nearestInDirection, readingOrder } from '../../../webview/keyboard';

const points = [
  { id: 'center', x: 0, y: 0 },
  { id: 'right-near', x: 100, y: 10 },
  { id: 'right-far-straight', x: 300, y: 0 },
  { id: 'up', x: 5, y: -80 },
  { id: 'down-left', x: -60, y: 90 },
];

describe('webview: keyboard navigation', () => {
  const table: [Parameters<typeof nearestInDirection>[2], string | undefined][] = [
    ['ArrowRight', 'right-near'],
    ['ArrowUp', 'up'],
    ['ArrowDown', 'down-left'],
    ['ArrowLeft', 'down-left'],
  ];
  for (const [key, expected] of table) {
    it(`${key} goes to ${expected}`, () => assert.equal(nearestInDirection(points[0], points, key)?.id, expected));
  }
  it('prefers a node in the cone over a nearer one off to the side', () => {
    const row = [{ id: 'from', x: 0, y: 0 }, { id: 'beside', x: 100, y: 10 }, { id: 'below', x: 20, y: 150 }];
    assert.equal(nearestInDirection(row[0], row, 'ArrowDown')?.id, 'below');
  });
  it('has nowhere to go past the edge', () => {
    assert.equal(nearestInDirection(points[2], points, 'ArrowRight'), undefined);
  });
  it('orders Tab stops top to bottom, then left to right', () => {
    assert.deepEqual(readingOrder(points).map((p) => p.id), ['up', 'center', 'right-near', 'right-far-straight', 'down-left']);
  });
});
