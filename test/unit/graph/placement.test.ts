// Placing nodes no layout has placed (the grid of a first picture, new nodes of a live edit) and fitting the view.
import assert from 'node:assert/strict';
import { FIT_PADDING, fitViewport, gridPosition, placeNearNeighbours } from '../../../webview/placement';

describe('webview: placement', () => {
  it('puts nodes on a square grid, row by row', () => {
    assert.deepEqual(
      Array.from({ length: 5 }, (_, i) => gridPosition(i, 5)),
      [
        { x: 0, y: 0 },
        { x: 160, y: 0 },
        { x: 320, y: 0 },
        { x: 0, y: 70 },
        { x: 160, y: 70 },
      ],
    );
    assert.deepEqual(gridPosition(0, 0), { x: 0, y: 0 });
  });

  it('puts a new node beside the middle of its neighbours, and staggers several', () => {
    const neighbours: Record<string, { x: number; y: number }[]> = {
      a: [
        { x: 0, y: 0 },
        { x: 100, y: 200 },
      ],
      b: [{ x: 0, y: 0 }],
    };
    const placed = placeNearNeighbours(['a', 'b'], (id) => neighbours[id], { x2: 500, y1: -40 });
    assert.deepEqual(placed.a, { x: 50 + 60, y: 100 + 50 });
    assert.deepEqual(placed.b, { x: 0 + 60 + 20, y: 0 + 50 + 8 });
  });

  it('puts new nodes without neighbours in a column right of everything else', () => {
    const placed = placeNearNeighbours(['a', 'b'], () => [], { x2: 500, y1: -40 });
    assert.deepEqual(placed, { a: { x: 620, y: -40 }, b: { x: 620, y: 20 } });
    // Nothing else on the canvas: cytoscape's empty bounding box is infinite.
    assert.deepEqual(
      placeNearNeighbours(['a'], () => [], { x2: -Infinity, y1: Infinity }),
      { a: { x: 120, y: 0 } },
    );
  });

  it('fits an extent into the view with padding, centered, within the zoom limits', () => {
    const view = { width: 860, height: 460, minZoom: 0.05, maxZoom: 4 };
    const { zoom, pan } = fitViewport({ x1: 0, y1: 0, x2: 400, y2: 100 }, view);
    assert.equal(zoom, (860 - 2 * FIT_PADDING) / 400);
    assert.deepEqual(pan, { x: 30, y: (460 - zoom * 100) / 2 });
    assert.equal(fitViewport({ x1: 0, y1: 0, x2: 10, y2: 10 }, view).zoom, 4);
    assert.equal(fitViewport({ x1: 0, y1: 0, x2: 1e6, y2: 1e6 }, view).zoom, 0.05);
  });
});
