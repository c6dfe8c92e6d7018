// The kind engine's Kubernetes API client (@kubernetes/client-node) against a local fake API server: the requests it sends.
import { strict as assert } from 'node:assert';
import { KubeClusterApi, deploymentAvailable } from '../../../../simulator/kind/kubeClusterApi';
import { RolloutTimeoutError } from '../../../../simulator/kind/clusterApi';
import type { KubeObject } from '../../../../simulator/kind/kubeObject';
import { FakeKubeApi } from './fakeKubeApi';

const DEPLOYMENTS = '/apis/apps/v1/namespaces/shop/deployments';
const PODS = '/api/v1/namespaces/shop/pods';

function deployment(name: string, available: number, generation = 2): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop', generation },
    spec: { replicas: 1 },
    status: { observedGeneration: generation, replicas: 1, updatedReplicas: 1, availableReplicas: available },
  };
}

describe('kind engine Kubernetes API client', function () {
  this.timeout(10_000);
  let fake: FakeKubeApi;
  let api: KubeClusterApi;

  beforeEach(async () => {
    fake = new FakeKubeApi();
    api = new KubeClusterApi(fake.kubeConfig(await fake.start()));
  });
  afterEach(() => fake.stop());

  it('applies server-side with field manager ztn and force, finding each resource through discovery', async () => {
    fake.rejectApply.set('broken', { code: 422, message: 'Service "broken" is invalid: spec.ports: Required value' });
    const objects: KubeObject[] = [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'cart', namespace: 'shop' } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'broken', namespace: 'shop' }, spec: {} },
      { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name: 'cart-allow', namespace: 'shop' }, spec: { action: 'ALLOW' } },
      { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'tls', namespace: 'shop' } },
      deployment('cart', 0) as KubeObject,
    ];
    const outcomes = await api.apply(objects);
    assert.deepEqual(
      outcomes.map((o) => [o.object, o.result]),
      [
        ['Namespace shop', 'applied'],
        ['ServiceAccount shop/cart', 'applied'],
        ['Service shop/broken', 'failed'],
        ['AuthorizationPolicy shop/cart-allow', 'applied'],
        ['Certificate shop/tls', 'skipped'],
        ['Deployment shop/cart', 'applied'],
      ],
    );
    assert.match(outcomes[2].detail ?? '', /spec\.ports: Required value/);
    assert.equal(outcomes[4].detail, 'the cluster has no API for cert-manager.io/v1 Certificate');

    const patches = fake.requests.filter((r) => r.method === 'PATCH');
    assert.deepEqual(
      patches.map((p) => p.path),
      [
        '/api/v1/namespaces/shop',
        '/api/v1/namespaces/shop/serviceaccounts/cart',
        '/api/v1/namespaces/shop/services/broken',
        '/apis/security.istio.io/v1/namespaces/shop/authorizationpolicies/cart-allow',
        '/apis/apps/v1/namespaces/shop/deployments/cart',
      ],
    );
    for (const p of patches) {
      assert.equal(p.contentType, 'application/apply-patch+yaml');
      assert.equal(p.query.fieldManager, 'ztn');
      assert.equal(p.query.force, 'true');
    }
    assert.deepEqual(patches[3].body?.spec, { action: 'ALLOW' });
    // Discovery: each group/version asked for its resources (client-node caches them).
    const discovery = fake.requests.filter((r) => r.method === 'GET').map((r) => r.path);
    assert.ok(
      ['/api/v1', '/apis/security.istio.io/v1', '/apis/cert-manager.io/v1', '/apis/apps/v1'].every((p) => discovery.includes(p)),
      discovery.join(' '),
    );
  });

  it('waits for a rollout by listing, then watching from the list resourceVersion', async () => {
    fake.collections.set(DEPLOYMENTS, [deployment('cart', 0), deployment('frontend', 1)]);
    fake.watchEvents.set(DEPLOYMENTS, { delayMs: 50, events: [{ type: 'MODIFIED', object: deployment('cart', 1) }] });
    await api.waitForDeployments(['shop'], 5_000);
    const list = fake.requests.find((r) => r.path === DEPLOYMENTS && r.query.watch === undefined);
    const watch = fake.requests.find((r) => r.path === DEPLOYMENTS && r.query.watch === 'true');
    assert.ok(list, 'listed deployments');
    assert.equal(watch?.query.resourceVersion, '100');
  });

  it('does not watch when every Deployment is already available', async () => {
    fake.collections.set(DEPLOYMENTS, [deployment('cart', 1)]);
    await api.waitForDeployments(['shop'], 5_000);
    assert.equal(fake.requests.filter((r) => r.query.watch === 'true').length, 0);
  });

  it('times out naming the Deployments that are not available', async () => {
    fake.collections.set(DEPLOYMENTS, [deployment('cart', 0), deployment('frontend', 1)]);
    await assert.rejects(
      api.waitForDeployments(['shop'], 300),
      (err: Error) => err instanceof RolloutTimeoutError && /not ready after 0s: Deployment shop\/cart$/.test(err.message),
    );
  });

  it('waits for running pods with the label selector on list and watch, and lists pod addresses', async () => {
    const pod = (phase: string) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'client-1', namespace: 'shop', labels: { 'ztn.dev/plain-client': 'ztn-plain-frontend' } },
      status: { phase, podIP: '10.10.0.7' },
    });
    fake.collections.set(PODS, [pod('Pending')]);
    fake.watchEvents.set(PODS, { delayMs: 20, events: [{ type: 'MODIFIED', object: pod('Running') }] });
    await api.waitForRunningPods('shop', 'ztn.dev/plain-client=ztn-plain-frontend', 5_000);
    const requests = fake.requests.filter((r) => r.path === PODS);
    assert.ok(requests.length >= 2);
    assert.ok(requests.every((r) => r.query.labelSelector === 'ztn.dev/plain-client=ztn-plain-frontend'));

    fake.collections.set(PODS, [pod('Running')]);
    assert.deepEqual(await api.listPods('shop'), [
      { name: 'client-1', namespace: 'shop', ip: '10.10.0.7', phase: 'Running', labels: { 'ztn.dev/plain-client': 'ztn-plain-frontend' } },
    ]);
  });

  it('reads one Deployment to tell whether it is available', async () => {
    fake.collections.set('/apis/apps/v1/namespaces/istio-system/deployments', [
      { ...deployment('istiod', 1), metadata: { name: 'istiod', namespace: 'istio-system', generation: 2 } },
    ]);
    assert.equal(await api.deploymentAvailable('istio-system', 'istiod'), true);
    assert.equal(await api.deploymentAvailable('istio-system', 'istio-eastwestgateway'), false);
    assert.deepEqual(
      fake.requests.filter((r) => r.path.startsWith('/apis/apps/v1/namespaces/istio-system')).map((r) => `${r.method} ${r.path}`),
      ['GET /apis/apps/v1/namespaces/istio-system/deployments/istiod', 'GET /apis/apps/v1/namespaces/istio-system/deployments/istio-eastwestgateway'],
    );
  });

  it('waits until CRDs are established, and names those that never are', async () => {
    const crds = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
    const crd = (name: string, established: string) => ({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name },
      status: { conditions: [{ type: 'Established', status: established }] },
    });
    fake.collections.set(crds, [crd('widgets.shop.example.com', 'False')]);
    setTimeout(() => fake.collections.set(crds, [crd('widgets.shop.example.com', 'True')]), 100);
    await api.waitForCrds(['widgets.shop.example.com'], 5_000);
    assert.ok(fake.requests.filter((r) => r.path === `${crds}/widgets.shop.example.com`).length >= 2);
    await assert.rejects(api.waitForCrds(['gadgets.shop.example.com'], 300), /CRDs not established after 0s: gadgets\.shop\.example\.com/);
  });

  it('judges availability as kubectl rollout status does', () => {
    const cases: [string, Record<string, unknown>, boolean][] = [
      ['all available', deployment('a', 1), true],
      ['none available', deployment('a', 0), false],
      ['status of an older generation', { ...deployment('a', 1), metadata: { name: 'a', generation: 3 } }, false],
      [
        'old replicas still running',
        { ...deployment('a', 1), status: { observedGeneration: 2, replicas: 2, updatedReplicas: 1, availableReplicas: 1 } },
        false,
      ],
    ];
    for (const [name, d, want] of cases) assert.equal(deploymentAvailable(d), want, name);
  });
});
