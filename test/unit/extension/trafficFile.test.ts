import assert from 'node:assert/strict';
import { buildMesh, parseTrafficFile, simulateMatrix, simulateTraffic } from '../../../src/policy';
import { trafficFileFromMatrix } from '../../../src/extension/trafficFile';
import { lintFiles } from './fixtures';

const MANIFESTS = `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio-injection: enabled}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: frontend, namespace: shop}
spec:
  selector: {matchLabels: {app: frontend}}
  template:
    metadata: {labels: {app: frontend}}
    spec: {serviceAccountName: frontend, containers: [{name: app, image: "x/frontend:1", ports: [{containerPort: 8080}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  selector: {matchLabels: {app: cart}}
  template:
    metadata: {labels: {app: cart}}
    spec: {serviceAccountName: cart, containers: [{name: app, image: "x/cart:1", ports: [{containerPort: 8080}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: cart, namespace: shop}
spec:
  selector: {app: cart}
  ports: [{name: http, port: 8080}]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: cart-allow-frontend, namespace: shop}
spec:
  selector: {matchLabels: {app: cart}}
  rules: [{from: [{source: {principals: ["cluster.local/ns/shop/sa/frontend"]}}]}]
`;

describe('extension: Generate Traffic File', () => {
  it('writes a TrafficReplay the policy engine parses back, whose expectations all hold today', () => {
    const { index } = lintFiles({ '/ws/apps.yaml': MANIFESTS });
    const mesh = buildMesh(index);
    const matrix = simulateMatrix(mesh);
    assert.ok(matrix.calls.length > 0, 'the matrix has calls');
    const text = trafficFileFromMatrix(matrix, 'generated');
    const replay = parseTrafficFile('/ws/traffic.yaml', text);
    assert.equal(replay.name, 'generated');
    assert.equal(replay.calls.length, matrix.calls.length);
    const frontendToCart = replay.calls.find((c) => c.from.endsWith('shop/frontend') && c.to.includes('shop/cart'));
    assert.deepEqual(frontendToCart?.expect, { mtls: true, allowed: true, verdict: 'allowed' });
    const replayed = simulateTraffic(mesh, replay);
    assert.equal(replayed.summary.expectationsFailed, 0, 'every generated expectation is the current prediction');
  });

  it('is stable: the same workspace gives the same file', () => {
    const { index } = lintFiles({ '/ws/apps.yaml': MANIFESTS });
    const a = trafficFileFromMatrix(simulateMatrix(buildMesh(index)), 'x');
    const b = trafficFileFromMatrix(simulateMatrix(buildMesh(lintFiles({ '/ws/apps.yaml': MANIFESTS }).index)), 'x');
    assert.equal(a, b);
  });
});
