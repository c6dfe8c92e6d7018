// What the sandbox plans to run for a mesh: addresses, ports and protocols, gateways, and what it skips.
import assert from 'node:assert/strict';
import { defaultConfig } from '../../../../src/config/load';
import { WorkspaceIndex } from '../../../../src/model/workspace';
import { buildMesh } from '../../../../src/policy';
import { addressBlockFor, planSandbox } from '../../../../simulator/local/plan';
import { meshSni, parseMeshSni } from '../../../../simulator/local/upstream';
import { parseLifetime } from '../../../../simulator/local/engine';

const MANIFESTS = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: a, image: a, ports: [{name: http, containerPort: 8080}, {containerPort: 9000}, {containerPort: 53, protocol: UDP}, {containerPort: 15001}]}]
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec:
  selector: {app: api}
  ports: [{name: tcp-db, port: 5432, targetPort: 5432}, {name: grpc, port: 9000}, {name: metrics, port: 9090, targetPort: metrics}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: job, namespace: shop}
spec:
  template:
    metadata: {labels: {app: job}}
    spec:
      containers: [{name: j, image: j}]
`;

describe('sandbox plan', () => {
  const index = new WorkspaceIndex(defaultConfig('/ws'));
  index.setFile('/ws/app.yaml', MANIFESTS);
  const plan = planSandbox(buildMesh(index), 50);

  it('gives every workload its own loopback address in the block; no gateway for a network without one in the manifests', () => {
    assert.deepEqual(
      plan.workloads.map((w) => [w.workload.id, w.address]),
      [
        ['cluster1/shop/api', '127.50.0.1'],
        ['cluster1/shop/job', '127.50.0.2'],
      ],
    );
    assert.deepEqual(plan.gateways, []);
  });

  it("runs an east-west gateway process in place of the manifests' gateway Deployment", () => {
    const withGateway = new WorkspaceIndex(defaultConfig('/ws'));
    withGateway.setFile('/ws/app.yaml', MANIFESTS);
    withGateway.setFile(
      '/ws/gw.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: eastwest, namespace: istio-system}\nspec:\n  template:\n    metadata: {labels: {istio: eastwestgateway}}\n    spec: {containers: [{name: p, image: p, ports: [{containerPort: 15443}]}]}\n',
    );
    const p = planSandbox(buildMesh(withGateway), 51);
    assert.deepEqual(
      p.gateways.map((g) => [g.network, g.address, g.port, g.workload?.id]),
      [['network1', '127.51.255.1', 15443, 'cluster1/istio-system/eastwest']],
    );
    assert.ok(!p.workloads.some((w) => w.workload.id === 'cluster1/istio-system/eastwest'), 'not also run as an app');
  });

  it('runs declared and Service-targeted TCP ports with Istio protocol selection, skipping what cannot run', () => {
    const api = plan.workloads[0];
    assert.deepEqual(api.ports, [
      { port: 5432, protocol: 'tcp' },
      { port: 8080, protocol: 'http' },
      { port: 9000, protocol: 'http' },
    ]);
    assert.ok(plan.notices.some((n) => /port 53\/UDP skipped/.test(n)));
    assert.ok(plan.notices.some((n) => /port 15001 skipped \(reserved/.test(n)));
    assert.ok(plan.notices.some((n) => /targets 'metrics', which no container declares/.test(n)));
    assert.ok(plan.notices.some((n) => /cluster1\/shop\/job: no ports; runs as a client only/.test(n)));
  });

  it('derives a stable block per sandbox folder', () => {
    assert.equal(addressBlockFor('/a/.ztn/sandbox/local'), addressBlockFor('/a/.ztn/sandbox/local'));
    for (const dir of ['/a', '/b', '/c/d']) assert.ok(addressBlockFor(dir) >= 20 && addressBlockFor(dir) < 220);
  });

  it("writes and reads Istio's mesh SNI", () => {
    assert.equal(meshSni(8080, 'cart.shop.svc.cluster.local'), 'outbound_.8080_._.cart.shop.svc.cluster.local');
    assert.deepEqual(parseMeshSni('outbound_.8080_._.cart.shop.svc.cluster.local'), { port: 8080, host: 'cart.shop.svc.cluster.local' });
    assert.deepEqual(parseMeshSni('outbound_.9080_.v1_.reviews.default.svc.cluster.local'), { port: 9080, host: 'reviews.default.svc.cluster.local' });
    assert.equal(parseMeshSni('cart.shop.svc.cluster.local'), undefined);
    assert.equal(parseMeshSni(undefined), undefined);
  });

  it('reads ztn.yaml certificate lifetimes', () => {
    assert.deepEqual(['1h', '30m', '10s', '500ms'].map(parseLifetime), [3_600_000, 1_800_000, 10_000, 500]);
    assert.throws(() => parseLifetime('1 day'), /not a duration/);
    assert.equal(parseLifetime('61362000h'), 61_362_000 * 3_600_000);
    for (const bad of ['0s', '0ms', '61362001h', '99999999999999999999999h'])
      assert.throws(() => parseLifetime(bad), /out of range: a certificate lifetime is from 1ms to 61362000h/);
  });
});
