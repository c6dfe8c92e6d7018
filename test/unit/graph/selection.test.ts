// Selection: what an id names in the graph, what the status line says, where a source link points.
import assert from 'node:assert/strict';
import { buildTrustGraph } from '../../../src/graph/build';
import { findSelection, selectionStatus, sourceFileUrl, sourcePath } from '../../../webview/selection';
import { CART, FRONTEND, shopIndex, shopTraffic } from './fixture';

const graph = buildTrustGraph(shopIndex(), { traffic: shopTraffic() });

describe('webview: selection', () => {
  it('finds the workload, call or box an id names', () => {
    assert.equal(findSelection(graph, FRONTEND)?.kind, 'node');
    const call = graph.edges.find((e) => e.source === FRONTEND && e.target === CART)!;
    assert.deepEqual(findSelection(graph, call.id), { kind: 'edge', edge: call });
    assert.equal(findSelection(graph, 'namespace:cluster1/shop')?.kind, 'group');
    assert.equal(findSelection(graph, 'summary:a->b'), undefined);
  });

  it('announces a workload or box by its label, a call by its id', () => {
    const frontend = findSelection(graph, FRONTEND)!;
    assert.equal(selectionStatus(frontend, FRONTEND), 'Selected frontend');
    assert.equal(selectionStatus(findSelection(graph, 'namespace:cluster1/shop')!, 'namespace:cluster1/shop'), 'Selected shop');
    const call = graph.edges[0];
    assert.equal(selectionStatus(findSelection(graph, call.id)!, call.id), `Selected ${call.id}`);
  });

  it('resolves source links against the graph root', () => {
    assert.equal(sourcePath('/srv/repo/', 'k8s/shop.yaml'), '/srv/repo/k8s/shop.yaml');
    assert.equal(sourcePath('/srv/repo', '/abs/shop.yaml'), '/abs/shop.yaml');
    assert.equal(sourcePath(undefined, 'k8s/shop.yaml'), 'k8s/shop.yaml');
    assert.equal(sourceFileUrl('/srv/my repo', 'shop.yaml'), 'file:///srv/my%20repo/shop.yaml');
  });
});
