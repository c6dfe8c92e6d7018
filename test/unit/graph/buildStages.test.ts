// The trust graph's build stages one at a time: nodes and groups, manifest calls, the replay overlay, summary.
import assert from 'node:assert/strict';
import { defaultConfig } from '../../../src/config/load';
import { WorkspaceIndex } from '../../../src/model/workspace';
import { buildMesh } from '../../../src/policy';
import type { CallResult } from '../../../src/policy/types';
import { graphSummary, notReplayed } from '../../../src/graph/build';
import { gatewayRouteCalls, workloadReferenceCalls } from '../../../src/graph/manifestCalls';
import { GraphNodes } from '../../../src/graph/nodes';
import type { GraphEdge, GraphNode } from '../../../src/graph/types';

const ROOT = '/virtual';

function indexOf(yaml: string): WorkspaceIndex {
  const index = new WorkspaceIndex(defaultConfig(ROOT));
  index.setFile(`${ROOT}/mesh.yaml`, yaml);
  return index;
}

const WORKSPACE = `apiVersion: v1
kind: Namespace
metadata: { name: shop, labels: { istio-injection: enabled } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: frontend, namespace: shop }
spec:
  template:
    metadata: { labels: { app: frontend } }
    spec:
      containers:
        - name: app
          image: frontend
          env:
            - { name: CART_URL, value: "http://cart:8080/items" }
            - { name: GREETING, value: "cart" }
            - { name: PAYMENTS, value: "https://pay.partner.example.com/v1" }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: cart, namespace: shop }
spec:
  template:
    metadata: { labels: { app: cart } }
    spec: { containers: [{ name: app, image: cart, ports: [{ containerPort: 8080, name: http }] }] }
---
apiVersion: v1
kind: Service
metadata: { name: cart, namespace: shop }
spec: { selector: { app: cart }, ports: [{ name: http, port: 8080 }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: istio-ingressgateway, namespace: istio-system }
spec:
  template:
    metadata: { labels: { istio: ingressgateway } }
    spec: { containers: [{ name: istio-proxy, image: proxyv2 }] }
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: public, namespace: istio-system }
spec: { selector: { istio: ingressgateway }, servers: [{ port: { number: 80, name: http, protocol: HTTP }, hosts: ["*"] }] }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: shop, namespace: shop }
spec:
  hosts: ["*"]
  gateways: [istio-system/public]
  http: [{ route: [{ destination: { host: cart } }] }]
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: partner, namespace: shop }
spec: { hosts: ["*.partner.example.com"], ports: [{ number: 443, name: tls, protocol: TLS }], resolution: DNS }
`;

describe('graph: build stages', () => {
  const index = indexOf(WORKSPACE);
  const mesh = buildMesh(index);
  const graphNodes = () => {
    const nodes = new GraphNodes(mesh, (file) => file.slice(ROOT.length + 1));
    nodes.addWorkloads(index.resources);
    nodes.addServiceEntries(index.ofKind('ServiceEntry'));
    return nodes;
  };

  it('GraphNodes: workloads and gateways in namespace boxes inside cluster boxes, ServiceEntries as externals', () => {
    const nodes = graphNodes();
    assert.deepEqual(
      [...nodes.nodes.values()].map((n) => `${n.id} ${n.kind} ${n.parent}`),
      [
        'cluster1/shop/frontend workload namespace:cluster1/shop',
        'cluster1/shop/cart workload namespace:cluster1/shop',
        'cluster1/istio-system/istio-ingressgateway gateway namespace:cluster1/istio-system',
        'external:cluster1/shop/partner external namespace:cluster1/shop',
      ],
    );
    assert.equal(nodes.groups.get('namespace:cluster1/shop')?.parent, 'cluster:cluster1');
    assert.deepEqual(nodes.nodes.get('external:cluster1/shop/partner')?.source, { file: 'mesh.yaml', line: 56 });
  });

  it('GraphNodes.nodeFor: a workload id as is, a ServiceEntry by wildcard host, an unknown host as a new external once', () => {
    const nodes = graphNodes();
    assert.equal(nodes.nodeFor('cluster1/shop/cart', 'cluster1'), 'cluster1/shop/cart');
    assert.equal(nodes.nodeFor('api.partner.example.com:443', 'cluster1'), 'external:cluster1/shop/partner');
    assert.equal(nodes.nodeFor('Example.org:80', 'cluster1'), 'external:example.org');
    assert.equal(nodes.nodeFor('example.org:443', undefined), 'external:example.org');
    assert.deepEqual(
      [...nodes.nodes.values()].filter((n) => n.id === 'external:example.org').map((n) => [n.parent, n.hosts]),
      [['cluster:cluster1', ['example.org']]],
    );
  });

  it("GraphNodes.addFindings: counted on the nodes of the finding's workload object", () => {
    const nodes = graphNodes();
    const cart = mesh.workloads.find((w) => w.name === 'cart')!;
    const range = { start: { line: 41, character: 2 }, end: { line: 41, character: 8 } };
    nodes.addFindings([
      { ruleId: 'ZT0101', pillar: 1, severity: 'warning', message: 'default ServiceAccount', file: `${ROOT}/mesh.yaml`, range, resource: cart.resource },
      { ruleId: 'ZT0201', pillar: 2, severity: 'error', message: 'no workload', file: `${ROOT}/mesh.yaml`, range },
    ] as never);
    const node = nodes.nodes.get(cart.id)!;
    assert.deepEqual(node.findingCounts, { error: 0, warning: 1, info: 0 });
    assert.deepEqual(node.findings, [{ ruleId: 'ZT0101', pillar: 1, severity: 'warning', message: 'default ServiceAccount', file: 'mesh.yaml', line: 42 }]);
  });

  it('workloadReferenceCalls: a Service URL, a ServiceEntry host; a bare word without an address context is no call', () => {
    const calls = workloadReferenceCalls(mesh, graphNodes());
    assert.deepEqual(
      calls.map((c) => `${c.call.from} -> ${c.call.to} ${c.call.protocol} (${c.detail})`),
      [
        'cluster1/shop/frontend -> cart.shop.svc.cluster.local:8080 http (env CART_URL)',
        'cluster1/shop/frontend -> pay.partner.example.com:443 tcp (env PAYMENTS)',
      ],
    );
    assert.deepEqual(calls[0].path.slice(-3), ['env', 0, 'value']);
  });

  it('gatewayRouteCalls: a VirtualService bound to a Gateway is a call from the gateway workloads it selects', () => {
    const calls = gatewayRouteCalls(mesh, index.ofKind('VirtualService'), index.ofKind('Gateway'));
    assert.deepEqual(
      calls.map((c) => `${c.call.from} -> ${c.call.to} ${c.call.protocol} (${c.detail})`),
      [
        'cluster1/istio-system/istio-ingressgateway -> cart.shop.svc.cluster.local:8080 http (VirtualService shop/shop http[0] route via Gateway Gateway istio-system/public)',
      ],
    );
  });

  it('notReplayed: a replayed call replaces the same call simulated from the traffic file', () => {
    const call = (name: string, port: number) => ({ name, from: 'a', to: 'b', port }) as CallResult;
    assert.deepEqual(
      notReplayed([call('x', 80), call('x', 81), call('y', 80)], [call('x', 80)]).map((c) => `${c.name}:${c.port}`),
      ['x:81', 'y:80'],
    );
  });

  it('graphSummary: nodes by kind, edges by channel state, sandbox verdicts', () => {
    const nodes = [{ kind: 'workload' }, { kind: 'workload' }, { kind: 'gateway' }, { kind: 'external' }] as GraphNode[];
    const edges = [
      { state: 'mtls', verified: true, disagrees: false },
      { state: 'plaintext', verified: false, disagrees: true },
      { state: 'mtls', verified: false, disagrees: false },
    ] as GraphEdge[];
    assert.deepEqual(graphSummary(nodes, edges), {
      workloads: 2,
      gateways: 1,
      externals: 1,
      edges: 3,
      byState: { mtls: 2, permissive: 0, plaintext: 1, denied: 0 },
      verified: 1,
      disagreements: 1,
    });
  });
});
