// The grouped layout for big graphs: callers left of callees, nobody overlaps inside a box, boxes do not overlap.
import assert from 'node:assert/strict';
import { arrangeInLayers, groupedLayout } from '../../../webview/groupedLayout';
import { computeLayout, LIBRARY_LAYOUT_LIMIT } from '../../../webview/layoutCore';

type Box = { x: number; y: number; w: number; h: number };
const overlaps = (a: Box, b: Box) => Math.abs(a.x - b.x) * 2 < a.w + b.w && Math.abs(a.y - b.y) * 2 < a.h + b.h;

describe('webview: grouped layout', () => {
  it('puts a call chain left to right, even with a cycle back to the start', () => {
    const items = ['a', 'b', 'c', 'd'].map((id) => ({ id, w: 100, h: 30 }));
    const { positions } = arrangeInLayers(
      items,
      [
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'd'],
        ['d', 'a'],
      ],
      50,
      10,
    );
    const xs = ['a', 'b', 'c', 'd'].map((id) => positions.get(id)!.x);
    assert.deepEqual(
      [...xs].sort((p, q) => p - q),
      xs,
    );
    assert.equal(new Set(xs).size, 4);
  });

  it('wraps a tall layer into columns and never overlaps nodes', () => {
    const items = Array.from({ length: 60 }, (_, i) => ({ id: `n${i}`, w: 90 + (i % 3) * 10, h: 30 }));
    const a = arrangeInLayers(items, [], 40, 10);
    const boxes = items.map((i) => ({ ...a.positions.get(i.id)!, w: i.w, h: i.h }));
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) assert.ok(!overlaps(boxes[i], boxes[j]), `${i} and ${j}`);
    assert.ok(a.width > 90 * 2, 'more than one column');
  });

  for (const arrange of ['layered', 'force'] as const) {
    it(`${arrange}: places every leaf, keeps namespaces apart`, () => {
      const nodes: { id: string; parent?: string; w: number; h: number }[] = [
        { id: 'cluster:a', w: 0, h: 0 },
        ...['ns1', 'ns2', 'ns3'].map((ns) => ({ id: `namespace:a/${ns}`, parent: 'cluster:a', w: 0, h: 0 })),
        ...Array.from({ length: 45 }, (_, i) => ({ id: `w${i}`, parent: `namespace:a/ns${(i % 3) + 1}`, w: 100, h: 32 })),
      ];
      const edges = Array.from({ length: 90 }, (_, i) => ({ source: `w${i % 45}`, target: `w${(i * 7 + 1) % 45}` }));
      const positions = groupedLayout(nodes, edges, arrange);
      assert.equal(Object.keys(positions).length, 45);
      const extent = (ns: number) => {
        const ps = nodes.filter((n) => n.parent === `namespace:a/ns${ns}`).map((n) => positions[n.id]);
        const xs = ps.map((p) => p.x);
        const ys = ps.map((p) => p.y);
        const x1 = Math.min(...xs) - 50;
        const x2 = Math.max(...xs) + 50;
        const y1 = Math.min(...ys) - 16;
        const y2 = Math.max(...ys) + 16;
        return { x: (x1 + x2) / 2, y: (y1 + y2) / 2, w: x2 - x1, h: y2 - y1 };
      };
      assert.ok(!overlaps(extent(1), extent(2)) && !overlaps(extent(1), extent(3)) && !overlaps(extent(2), extent(3)));
    });
  }

  it('takes over from dagre and fcose above the size where they get slow', () => {
    const n = LIBRARY_LAYOUT_LIMIT;
    const nodes = Array.from({ length: n }, (_, i) => ({ id: `w${i}`, w: 100, h: 32 }));
    const edges = Array.from({ length: 10 }, (_, i) => ({ id: `e${i}`, source: `w${i}`, target: `w${i + 1}` }));
    assert.equal(computeLayout({ id: 1, layout: 'layered', nodes, edges }).engine, 'grouped');
    assert.equal(computeLayout({ id: 2, layout: 'layered', nodes: nodes.slice(0, 5), edges: edges.slice(0, 3) }).engine, 'dagre');
  });
});

describe('webview: grouped layout shape', () => {
  it('wraps a long chain of layers into rows instead of a thin strip', () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ id: `n${i}`, w: 100, h: 30 }));
    const chain = items.slice(1).map((n, i) => [items[i].id, n.id] as [string, string]);
    const a = arrangeInLayers(items, chain, 40, 10);
    assert.ok(a.width / a.height < 6, `aspect ${a.width}x${a.height}`);
    // Still in call order within each row: a caller never sits right of its callee on the same row.
    for (const [s, t] of chain) {
      const ps = a.positions.get(s)!;
      const pt = a.positions.get(t)!;
      if (ps.y === pt.y) assert.ok(ps.x < pt.x, `${s} before ${t}`);
    }
  });
});
