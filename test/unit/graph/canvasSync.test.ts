// Syncing the canvas with the view model: what goes, what stays in place with new data, what comes and where.
import assert from 'node:assert/strict';
import { buildTrustGraph } from '../../../src/graph/build';
import { canvasData, planCanvasSync } from '../../../webview/canvasSync';
import type { ViewState } from '../../../webview/protocol';
import { defaultViewState, viewModel, type ViewModel } from '../../../webview/view';
import { CART, FRONTEND, REPORTING, shopIndex, shopTraffic } from './fixture';

const graph = buildTrustGraph(shopIndex(), { traffic: shopTraffic() });
const state = (patch: Partial<ViewState> = {}): ViewState => ({ ...defaultViewState(), ...patch });
const boxIds = new Set(graph.groups.map((g) => g.id));

describe('webview: canvas sync', () => {
  it('gives cytoscape the box a node sits in as `box`, never as a compound `parent`', () => {
    assert.deepEqual(canvasData({ id: 'a', label: 'a', parent: 'ns', kind: 'workload', w: 96, h: 32 }), {
      id: 'a',
      label: 'a',
      kind: 'workload',
      w: 96,
      h: 32,
      box: 'ns',
    });
    assert.deepEqual(canvasData({ id: 'b', label: 'b', kind: 'workload', w: 96, h: 32 }), { id: 'b', label: 'b', kind: 'workload', w: 96, h: 32 });
  });

  it('adds everything to an empty canvas; workloads without a saved position are left for the caller to place', () => {
    const model = viewModel(graph, state());
    const plan = planCanvasSync(model, new Map(), { [FRONTEND]: { x: 10, y: 20 } });
    assert.equal(plan.add.length, model.nodes.length + model.edges.length);
    assert.deepEqual(plan.remove, []);
    assert.deepEqual(plan.update, []);
    assert.deepEqual(plan.add.find((e) => e.data.id === FRONTEND)!.position, { x: 10, y: 20 });
    assert.equal(plan.add.find((e) => e.data.id === CART)!.position, undefined);
    const leaves = graph.nodes.map((n) => n.id).filter((id) => id !== FRONTEND);
    assert.deepEqual([...plan.unplaced].sort(), leaves.sort());
    assert.ok(plan.unplaced.every((id) => !boxIds.has(id)));
    assert.ok(plan.add.filter((e) => e.group === 'nodes').every((e) => e.data.parent === undefined));
  });

  it('removes what a filter hides and keeps the rest in place, updating data and classes', () => {
    const all = viewModel(graph, state());
    const onCanvas = new Map([...all.nodes, ...all.edges].map((e) => [e.data.id, e.group === 'nodes' ? (e.data as { parent?: string }).parent : undefined]));
    const legacy = viewModel(graph, state({ filters: { ...defaultViewState().filters, namespaces: ['legacy'] } }));
    const plan = planCanvasSync(legacy, onCanvas, {});
    assert.ok(plan.remove.includes(FRONTEND) && !plan.remove.includes(REPORTING));
    assert.deepEqual(plan.add, []);
    assert.deepEqual(plan.unplaced, []);
    assert.deepEqual(
      plan.update.map((u) => u.id),
      [...legacy.nodes, ...legacy.edges].map((e) => e.data.id),
    );
    assert.ok(plan.update.every((u) => !u.leftBox));
  });

  it('drops the stale box of a node that left it', () => {
    const model: ViewModel = {
      nodes: [{ group: 'nodes', data: { id: 'a', label: 'a', kind: 'workload', w: 96, h: 32 }, classes: 'workload' }],
      edges: [],
      matches: [],
    };
    const plan = planCanvasSync(model, new Map([['a', 'namespace:gone']]), {});
    assert.deepEqual(plan.update, [{ id: 'a', data: { id: 'a', label: 'a', kind: 'workload', w: 96, h: 32 }, classes: 'workload', leftBox: true }]);
  });
});
