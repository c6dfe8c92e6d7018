import assert from 'node:assert/strict';
import { MeshState } from '../../../src/extension/meshState';
import type { LintScope } from '../../../src/extension/workspaceLinter';
import { lintFiles } from './fixtures';

const APPS = `apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  selector: {matchLabels: {app: cart}}
  template:
    metadata: {labels: {app: cart}}
    spec: {containers: [{name: app, image: "x/cart:1"}]}
`;

function scope(files: Record<string, string>, version: number): LintScope {
  const { index, findings } = lintFiles(files);
  return { root: '/ws', config: index.config, index, findings, version };
}

describe('extension: trust graph cache per lint scope', () => {
  it('rebuilds for a new scope of the same folder even when the version numbers match', () => {
    const mesh = new MeshState();
    const early = scope({ '/ws/pa.yaml': 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: shop}\n' }, 1);
    assert.equal(mesh.nodes(early).nodes.length, 0);
    const full = scope(
      { '/ws/pa.yaml': 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: shop}\n', '/ws/apps.yaml': APPS },
      1,
    );
    assert.deepEqual(
      mesh.nodes(full).nodes.map((n) => n.id),
      ['cluster1/shop/cart'],
    );
  });

  it('reuses the graph until the scope is linted again', () => {
    const mesh = new MeshState();
    const s = scope({ '/ws/apps.yaml': APPS }, 1);
    const first = mesh.nodes(s);
    assert.equal(mesh.nodes(s), first, 'same lint, same graph object');
    s.version++;
    assert.notEqual(mesh.nodes(s), first, 'a new lint builds a new graph');
  });
});
