// Cluster and namespace boxes drawn as plain shapes: rectangles from the nodes inside, nested boxes with their titles.
import assert from 'node:assert/strict';
import { BOX_PADDING, BOX_TITLE, boxMembers, boxRects, containers, drawnExtent, type BoxedNode } from '../../../webview/groupBoxes';

// Two namespaces in one cluster, a collapsed namespace (a placed node) in it, and an external host outside any box.
const nodes: BoxedNode[] = [
  { id: 'cluster:east', w: 96, h: 32 },
  { id: 'namespace:east/shop', parent: 'cluster:east', w: 96, h: 32 },
  { id: 'namespace:east/legacy', parent: 'cluster:east', w: 96, h: 32 },
  { id: 'namespace:east/folded', parent: 'cluster:east', w: 120, h: 32 },
  { id: 'east/shop/frontend', parent: 'namespace:east/shop', w: 100, h: 32 },
  { id: 'east/shop/cart', parent: 'namespace:east/shop', w: 100, h: 44 },
  { id: 'east/legacy/reporting', parent: 'namespace:east/legacy', w: 110, h: 44 },
  { id: 'external:partner', w: 140, h: 32 },
];
const positions = {
  'east/shop/frontend': { x: 0, y: 0 },
  'east/shop/cart': { x: 200, y: 100 },
  'east/legacy/reporting': { x: 500, y: 0 },
  'namespace:east/folded': { x: 300, y: 400 },
  'external:partner': { x: 900, y: 0 },
};
const rects = boxRects(nodes, positions);
const edges = (id: string) => {
  const r = rects.get(id)!;
  return { x1: r.x - r.w / 2, y1: r.y - r.h / 2, x2: r.x + r.w / 2, y2: r.y + r.h / 2 };
};

describe('webview: group boxes', () => {
  it('treats nodes that contain others as boxes; workloads and collapsed boxes are placed nodes', () => {
    assert.deepEqual([...containers(nodes)].sort(), ['cluster:east', 'namespace:east/legacy', 'namespace:east/shop']);
    assert.deepEqual([...rects.keys()].sort(), ['cluster:east', 'namespace:east/legacy', 'namespace:east/shop']);
  });

  it('wraps a namespace box tightly around its workloads and their borders', () => {
    // frontend spans -50..50 x -16..16, cart 150..250 x 78..122; borders add 2 on every side.
    assert.deepEqual(edges('namespace:east/shop'), { x1: -52, y1: -18, x2: 252, y2: 124 });
    assert.deepEqual(edges('namespace:east/legacy'), { x1: 443, y1: -24, x2: 557, y2: 24 });
  });

  it('wraps the cluster around its namespace boxes (padding, title) and its collapsed namespaces', () => {
    const shop = edges('namespace:east/shop');
    const cluster = edges('cluster:east');
    assert.equal(cluster.x1, shop.x1 - BOX_PADDING - 2);
    assert.equal(cluster.y1, Math.min(shop.y1, edges('namespace:east/legacy').y1) - BOX_PADDING - BOX_TITLE);
    assert.equal(cluster.x2, edges('namespace:east/legacy').x2 + BOX_PADDING + 2);
    // The collapsed namespace at (300, 400), 120 x 32, is the lowest thing inside.
    assert.equal(cluster.y2, 400 + 16 + 2);
  });

  it('leaves out nodes without a position and boxes with nothing placed in them', () => {
    const partial = boxRects(nodes, { 'east/shop/frontend': { x: 0, y: 0 } });
    assert.deepEqual([...partial.keys()].sort(), ['cluster:east', 'namespace:east/shop']);
    assert.deepEqual(boxRects(nodes, {}).size, 0);
  });

  it('follows the nodes: moving a workload moves the edge of its boxes', () => {
    const moved = boxRects(nodes, { ...positions, 'east/shop/cart': { x: 200, y: 300 } });
    assert.equal(moved.get('namespace:east/shop')!.h, 300 + 22 + 2 - -18);
    assert.ok(moved.get('cluster:east')!.h >= moved.get('namespace:east/shop')!.h + 2 * BOX_PADDING + BOX_TITLE);
  });

  it('measures everything drawn for fitting the view: boxes with padding and title, nodes outside boxes', () => {
    const cluster = edges('cluster:east');
    assert.deepEqual(drawnExtent(nodes, positions, rects), {
      x1: cluster.x1 - BOX_PADDING,
      y1: cluster.y1 - BOX_PADDING - BOX_TITLE,
      x2: 900 + 70,
      y2: cluster.y2 + BOX_PADDING,
    });
    assert.equal(drawnExtent(nodes, {}, new Map()), undefined);
  });

  it('finds what dragging a box carries: everything inside it, at any depth', () => {
    assert.deepEqual([...boxMembers(nodes, 'namespace:east/shop')].sort(), ['east/shop/cart', 'east/shop/frontend']);
    assert.deepEqual([...boxMembers(nodes, 'cluster:east')].sort(), [
      'east/legacy/reporting',
      'east/shop/cart',
      'east/shop/frontend',
      'namespace:east/folded',
      'namespace:east/legacy',
      'namespace:east/shop',
    ]);
    assert.equal(boxMembers(nodes, 'external:partner').size, 0);
  });
});
