// Keyboard on the canvas: arrows pick the nearest node that way, Tab follows reading order, keys become commands.
import assert from 'node:assert/strict';
import { keyCommand, nearestInDirection, readingOrder } from '../../../webview/keyboard';

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
    const row = [
      { id: 'from', x: 0, y: 0 },
      { id: 'beside', x: 100, y: 10 },
      { id: 'below', x: 20, y: 150 },
    ];
    assert.equal(nearestInDirection(row[0], row, 'ArrowDown')?.id, 'below');
  });
  it('has nowhere to go past the edge', () => {
    assert.equal(nearestInDirection(points[2], points, 'ArrowRight'), undefined);
  });
  it('orders Tab stops top to bottom, then left to right', () => {
    assert.deepEqual(
      readingOrder(points).map((p) => p.id),
      ['up', 'center', 'right-near', 'right-far-straight', 'down-left'],
    );
  });
});

describe('webview: keys on the canvas', () => {
  const press = (key: string, view: { selected?: string; focus?: string } = {}, shiftKey = false) => keyCommand({ key, shiftKey }, points, view);

  it('Tab walks the reading order and leaves the canvas past either end', () => {
    assert.deepEqual(press('Tab'), { command: { kind: 'select', id: 'up' }, preventDefault: true });
    assert.deepEqual(press('Tab', { selected: 'center' }), { command: { kind: 'select', id: 'right-near' }, preventDefault: true });
    assert.deepEqual(press('Tab', { selected: 'center' }, true), { command: { kind: 'select', id: 'up' }, preventDefault: true });
    assert.deepEqual(press('Tab', { selected: 'down-left' }), { preventDefault: false });
    assert.deepEqual(press('Tab', { selected: 'up' }, true), { preventDefault: false });
  });

  it('an arrow moves to the nearest node that way, or to the first one when nothing is selected', () => {
    assert.deepEqual(press('ArrowRight', { selected: 'center' }), { command: { kind: 'select', id: 'right-near' }, preventDefault: true });
    assert.deepEqual(press('ArrowDown'), { command: { kind: 'select', id: 'up' }, preventDefault: true });
    // A selected edge or box is not among the points: start from the first node.
    assert.deepEqual(press('ArrowLeft', { selected: 'a->b:80' }), { command: { kind: 'select', id: 'up' }, preventDefault: true });
    assert.deepEqual(press('ArrowRight', { selected: 'right-far-straight' }), { command: undefined, preventDefault: true });
  });

  it('Enter opens the details of the selection; Escape leaves a focus first, then closes the details', () => {
    assert.deepEqual(press('Enter', { selected: 'center' }), { command: { kind: 'open-details' }, preventDefault: true });
    assert.deepEqual(press('Enter'), { preventDefault: false });
    assert.deepEqual(press('Escape', { selected: 'center', focus: 'center' }), { command: { kind: 'clear-focus' }, preventDefault: false });
    assert.deepEqual(press('Escape', { selected: 'center' }), { command: { kind: 'close-details' }, preventDefault: false });
  });

  it("+, = and - zoom; f focuses the selection's neighbourhood; other keys are the page's", () => {
    assert.deepEqual(press('+'), { command: { kind: 'zoom', zoomIn: true }, preventDefault: false });
    assert.deepEqual(press('='), { command: { kind: 'zoom', zoomIn: true }, preventDefault: false });
    assert.deepEqual(press('-'), { command: { kind: 'zoom', zoomIn: false }, preventDefault: false });
    assert.deepEqual(press('f', { selected: 'center' }), { command: { kind: 'focus-neighbourhood', id: 'center' }, preventDefault: false });
    assert.deepEqual(press('f'), { preventDefault: false });
    assert.deepEqual(press('x', { selected: 'center' }), { preventDefault: false });
  });
});
