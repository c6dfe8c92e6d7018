// The trust graph view's JSON export follows the filters and says which were on; unfiltered it is the whole graph.
import assert from 'node:assert/strict';
import { buildTrustGraph } from '../../../src/graph/build';
import { graphJsonForView } from '../../../webview/graphJson';
import { defaultViewState, viewModel } from '../../../webview/view';
import type { ViewState } from '../../../webview/protocol';
import { FRONTEND, shopIndex, shopTraffic } from './fixture';

const graph = buildTrustGraph(shopIndex(), { traffic: shopTraffic() });

describe('webview: JSON export of the view', () => {
  it('is the whole graph when nothing is filtered (collapsed boxes do not count)', () => {
    const state: ViewState = { ...defaultViewState(), collapsed: ['namespace:cluster1/shop'] };
    assert.deepEqual(JSON.parse(graphJsonForView(graph, state)), JSON.parse(JSON.stringify(graph)));
  });

  it('keeps what the namespace filter leaves, with the groups around it, and names the filter', () => {
    const state: ViewState = { ...defaultViewState(), filters: { ...defaultViewState().filters, namespaces: ['legacy'] } };
    const out = JSON.parse(graphJsonForView(graph, state)) as typeof graph & { view: Record<string, unknown> };
    const shown = viewModel(graph, state)
      .nodes.filter((n) => !n.classes.split(' ').includes('group'))
      .map((n) => n.data.id)
      .sort();
    assert.deepEqual(out.nodes.map((n) => n.id).sort(), shown);
    assert.ok(out.nodes.length < graph.nodes.length);
    for (const e of out.edges) assert.ok(shown.includes(e.source) && shown.includes(e.target), e.id);
    assert.ok(out.groups.every((g) => out.nodes.some((n) => n.parent === g.id) || out.groups.some((c) => c.parent === g.id)));
    assert.deepEqual(out.view.namespaces, ['legacy']);
    assert.match(String(out.view.note), /^\d+ of \d+ nodes and \d+ of \d+ edges/);
  });

  it('a focus keeps the neighbourhood only', () => {
    const out = JSON.parse(graphJsonForView(graph, { ...defaultViewState(), focus: FRONTEND })) as typeof graph & { view: { focus: string } };
    assert.equal(out.view.focus, FRONTEND);
    const neighbours = new Set([
      FRONTEND,
      ...graph.edges.filter((e) => e.source === FRONTEND).map((e) => e.target),
      ...graph.edges.filter((e) => e.target === FRONTEND).map((e) => e.source),
    ]);
    assert.ok(out.nodes.every((n) => neighbours.has(n.id)));
  });
});
