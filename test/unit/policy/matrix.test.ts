// The matrix computed over classes of alike workloads must equal a per-pair simulation, sorted by construction.
import assert from 'node:assert/strict';
import { simulateCall, simulateMatrix, workloadClassKey } from '../../../src/policy/index';
import { serviceTargets } from '../../../src/policy/matrix';
import { app, deployment, meshOf, namespace } from '../../helpers/meshFixture';

const manifests =
  namespace('shop') +
  namespace('legacy', false) +
  app('shop', 'frontend') +
  // two Deployments with the same labels and ServiceAccount: one class
  deployment('shop', 'worker-a', { labels: { app: 'worker' }, sa: 'worker' }) +
  deployment('shop', 'worker-b', { labels: { app: 'worker' }, sa: 'worker' }) +
  app('shop', 'cart', {
    servicePorts: [
      [8080, 8080, 'http'],
      [9000, 8080, 'tcp-raw'],
    ],
  }) +
  app('legacy', 'batch') +
  `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: cart, namespace: shop }
spec:
  selector: { matchLabels: { app: cart } }
  rules: [{ from: [{ source: { principals: ["cluster.local/ns/shop/sa/worker"] } }] }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: cart, namespace: shop }
spec:
  podSelector: { matchLabels: { app: cart } }
  ingress: [{ from: [{ podSelector: {} }] }]
---
`;

describe('simulator: matrix', () => {
  const mesh = meshOf(manifests);

  it('alike workloads share a class; different labels, namespaces or ServiceAccounts do not', () => {
    const key = (name: string) => workloadClassKey(mesh.workloads.find((w) => w.name === name)!);
    assert.equal(key('worker-a'), key('worker-b'));
    assert.notEqual(key('worker-a'), key('frontend'));
  });

  it('targets every TCP Service port, http or tcp by its declared protocol', () => {
    assert.deepEqual(
      serviceTargets(mesh).map((t) => `${t.to} ${t.protocol}`),
      [
        'batch.legacy.svc.cluster.local:8080 http',
        'cart.shop.svc.cluster.local:8080 http',
        'cart.shop.svc.cluster.local:9000 tcp',
        'frontend.shop.svc.cluster.local:8080 http',
      ],
    );
  });

  it('equals simulateCall for every workload and target, sorted by source then target', () => {
    const matrix = simulateMatrix(mesh);
    const expected = [...mesh.workloads]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .flatMap((w) => serviceTargets(mesh).map((t) => ({ w, t, r: simulateCall(mesh, { from: w.id, to: t.to, protocol: t.protocol }) })));
    assert.equal(matrix.calls.length, expected.length);
    matrix.calls.forEach((c, i) => {
      const { w, t, r } = expected[i];
      assert.deepEqual([c.name, c.from, c.to, c.port, c.mtls, c.verdict], [`${w.id} -> ${t.to}`, w.id, r.to, r.port, r.mtls, r.verdict]);
    });
    const verdict = (from: string, to: string) => matrix.calls.find((c) => c.from === from && c.name.endsWith(to))!.verdict;
    assert.equal(verdict('cluster1/shop/worker-b', 'cart.shop.svc.cluster.local:8080'), 'allowed');
    assert.equal(verdict('cluster1/shop/frontend', 'cart.shop.svc.cluster.local:8080'), 'denied-by-authorization');
    assert.equal(verdict('cluster1/legacy/batch', 'cart.shop.svc.cluster.local:8080'), 'denied-by-network-policy');
    assert.deepEqual(matrix.summary, {
      total: matrix.calls.length,
      allowed: matrix.calls.filter((c) => c.allowed).length,
      denied: matrix.calls.filter((c) => !c.allowed).length,
      mtls: matrix.calls.filter((c) => c.mtls).length,
      expectationsFailed: 0,
    });
  });
});
