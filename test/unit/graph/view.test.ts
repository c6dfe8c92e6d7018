// The webview's view model: filters, search, focus and collapsed boxes applied to a graph (no browser needed).
import assert from 'node:assert/strict';
import { buildTrustGraph } from '../../../src/graph/build';
import { defaultViewState, nodeLabel, viewModel, GLYPHS } from '../../../webview/view';
import type { ViewState } from '../../../webview/protocol';
import { CART, CATALOG, FRONTEND, GATEWAY, PARTNER, REPORTING, shopIndex, shopTraffic } from './fixture';

const graph = buildTrustGraph(shopIndex(), { traffic: shopTraffic() });
const state = (patch: Partial<Omit<ViewState, 'filters'>> & { filters?: Partial<ViewState['filters']> } = {}): ViewState => {
  const base = defaultViewState();
  return { ...base, ...patch, filters: { ...base.filters, ...patch.filters } };
};
const leafIds = (s: ViewState) =>
  viewModel(graph, s)
    .nodes.filter((n) => !n.classes.split(' ').includes('group'))
    .map((n) => n.data.id)
    .sort();

describe('webview: view model', () => {
  it('shows every node, box and edge with classes for state, sandbox and badges', () => {
    const m = viewModel(graph, state());
    assert.deepEqual(leafIds(state()), graph.nodes.map((n) => n.id).sort());
    assert.equal(m.edges.length, graph.edges.length);
    const classesOf = (id: string) => m.nodes.find((n) => n.data.id === id)!.classes.split(' ');
    assert.ok(classesOf(REPORTING).includes('no-sidecar'));
    assert.ok(classesOf(CATALOG).includes('default-sa'));
    assert.ok(classesOf(GATEWAY).includes('gateway'));
    assert.ok(classesOf(PARTNER).includes('external'));
    const denied = m.edges.find((e) => e.data.source === FRONTEND && e.data.target === CATALOG)!;
    assert.deepEqual(denied.classes.split(' ').slice(0, 2), ['denied', 'predicted']);
    assert.ok(denied.data.label.startsWith(GLYPHS.close));
    const groups = m.nodes.filter((n) => n.classes.includes('group')).map((n) => n.data.id);
    assert.ok(groups.includes('cluster:cluster1') && groups.includes('namespace:cluster1/shop'));
  });

  it('puts badges for no sidecar, default ServiceAccount and findings in the label', () => {
    const catalog = graph.nodes.find((n) => n.id === CATALOG)!;
    const label = nodeLabel(catalog);
    assert.ok(label.startsWith('catalog\n'));
    assert.ok(label.includes(GLYPHS.account));
    if (catalog.findingCounts.warning) assert.ok(label.includes(`${GLYPHS.warning}${catalog.findingCounts.warning}`));
    assert.ok(nodeLabel(graph.nodes.find((n) => n.id === REPORTING)!).includes(GLYPHS.noSidecar));
  });

  it('filters by namespace, keeping external hosts that visible workloads call', () => {
    assert.deepEqual(leafIds(state({ filters: { namespaces: ['legacy'] } })), [REPORTING]);
    const shop = leafIds(state({ filters: { namespaces: ['shop'] } }));
    assert.ok(!shop.includes(REPORTING) && !shop.includes(GATEWAY));
    assert.ok(shop.includes(PARTNER));
  });

  it('filters by channel state, hiding nodes left without edges', () => {
    const m = viewModel(graph, state({ filters: { states: ['denied'] } }));
    assert.ok(m.edges.every((e) => e.classes.startsWith('denied')));
    assert.deepEqual(leafIds(state({ filters: { states: ['denied'] } })), [CATALOG, FRONTEND].sort());
  });

  it('filters by cluster and by pillar findings', () => {
    assert.deepEqual(leafIds(state({ filters: { clusters: ['elsewhere'] } })), []);
    const pillar = graph.nodes.flatMap((n) => n.findings.map((f) => f.pillar))[0];
    if (pillar !== undefined) {
      const ids = leafIds(state({ filters: { pillars: [pillar] } }));
      assert.ok(ids.length > 0);
      assert.ok(ids.every((id) => graph.nodes.find((n) => n.id === id)!.findings.some((f) => f.pillar === pillar)));
    }
    assert.deepEqual(leafIds(state({ filters: { pillars: [99] } })), []);
  });

  it('search marks matches and fades the rest', () => {
    const m = viewModel(graph, state({ filters: { search: 'sa/cart' } }));
    assert.deepEqual(m.matches, [CART]);
    assert.ok(m.nodes.find((n) => n.data.id === FRONTEND)!.classes.includes('faded'));
  });

  it('focus keeps a node and its direct neighbours', () => {
    assert.deepEqual(leafIds(state({ focus: CATALOG })), [CART, CATALOG, FRONTEND].sort());
  });

  it('collapsing a namespace folds its nodes into the box and summarizes edges to the worst state', () => {
    const m = viewModel(graph, state({ collapsed: ['namespace:cluster1/shop'] }));
    const box = m.nodes.find((n) => n.data.id === 'namespace:cluster1/shop')!;
    assert.ok(box.classes.includes('collapsed'));
    assert.match(box.data.label, /^shop \(4\)$/);
    assert.ok(!m.nodes.some((n) => n.data.id === FRONTEND));
    const toLegacy = m.edges.find((e) => e.data.source === 'namespace:cluster1/shop' && e.data.target === REPORTING)!;
    assert.ok(toLegacy.classes.startsWith('plaintext summary'));
    const fromGateway = m.edges.find((e) => e.data.source === GATEWAY && e.data.target === 'namespace:cluster1/shop')!;
    assert.ok(fromGateway.classes.startsWith('mtls'));
    // Calls inside the folded box disappear instead of looping on it.
    assert.ok(!m.edges.some((e) => e.data.source === e.data.target));
  });

  it('collapsing a cluster hides its namespace boxes', () => {
    const m = viewModel(graph, state({ collapsed: ['cluster:cluster1', 'namespace:cluster1/shop'] }));
    assert.deepEqual(
      m.nodes.map((n) => n.data.id),
      ['cluster:cluster1'],
    );
    assert.equal(m.edges.length, 0);
  });
});
