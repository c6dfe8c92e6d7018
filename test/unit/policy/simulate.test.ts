// End-to-end verdicts of simulateCall: resolution, NetworkPolicy, client TLS, PeerAuthentication, authorization, routing.
import assert from 'node:assert/strict';
import { simulateCall, simulateTraffic } from '../../../src/policy/index';
import type { Mesh, TrafficCall, Verdict } from '../../../src/policy/types';
import { app, deployment, meshOf, namespace, service } from '../../helpers/meshFixture';

const strictMesh = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: default, namespace: istio-system }
spec: { mtls: { mode: STRICT } }
---
`;
function dr(ns: string, name: string, host: string, body: string): string {
  return `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: ${name}, namespace: ${ns} }
spec:
  host: ${host}
${body}
---
`;
}
function pa(ns: string, name: string, body: string): string {
  return `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: ${name}, namespace: ${ns} }
spec:
${body}
---
`;
}

const single =
  namespace('shop') +
  namespace('legacy', false) +
  app('shop', 'frontend') +
  // cart's Service port 8080 targets the named container port "web" (9090)
  deployment('shop', 'cart', { ports: [[9090, 'web']] }) +
  service('shop', 'cart', [[8080, 'web', 'http']]) +
  app('shop', 'db', { ports: [5432], servicePorts: [[5432, 5432, 'tcp-pg']] }) +
  app('legacy', 'batch') +
  `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: payments-api, namespace: shop }
spec:
  hosts: [api.payments.example]
  location: MESH_EXTERNAL
  ports: [{ number: 443, name: tls, protocol: TLS }]
  resolution: DNS
---
`;

interface Case {
  doc: string;
  extra?: string;
  call: TrafficCall;
  verdict: Verdict;
  mtls?: boolean;
  to?: string;
  port?: number;
  explains?: RegExp;
}

const call = (from: string, to: string, more: Partial<TrafficCall> = {}): TrafficCall => ({ from, to, ...more });

const dbAllowsGet = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: db, namespace: shop }
spec:
  selector: { matchLabels: { app: db } }
  rules:
    - to: [{ operation: { methods: ["GET"] } }]
---
`;

const singleCases: Case[] = [
  {
    doc: 'short Service name resolves in the caller namespace; named targetPort resolves per endpoint',
    call: call('shop/frontend', 'cart:8080'),
    verdict: 'allowed',
    mtls: true,
    to: 'cluster1/shop/cart',
    port: 9090,
  },
  { doc: 'name.namespace form', call: call('shop/frontend', 'cart.shop:8080'), verdict: 'allowed', to: 'cluster1/shop/cart' },
  { doc: 'name.namespace.svc form', call: call('shop/frontend', 'cart.shop.svc:8080'), verdict: 'allowed' },
  { doc: '[cluster/]namespace/workload:port form', call: call('cluster1/shop/frontend', 'shop/cart:9090'), verdict: 'allowed', mtls: true, port: 9090 },
  {
    doc: 'STRICT rejects a client without a sidecar',
    extra: strictMesh,
    call: call('legacy/batch', 'cart.shop:8080'),
    verdict: 'rejected-by-peer-authentication',
    mtls: false,
  },
  {
    doc: 'a forced plaintext client (client.sidecar false) is rejected by STRICT',
    extra: strictMesh,
    call: call('shop/frontend', 'cart:8080', { client: { sidecar: false } }),
    verdict: 'rejected-by-peer-authentication',
    mtls: false,
  },
  { doc: 'PERMISSIVE (default) accepts plaintext', call: call('legacy/batch', 'cart.shop:8080'), verdict: 'allowed', mtls: false },
  {
    doc: 'migration case: STRICT server with a DestinationRule tls DISABLE is rejected',
    extra: strictMesh + dr('shop', 'cart', 'cart', '  trafficPolicy:\n    tls: { mode: DISABLE }'),
    call: call('shop/frontend', 'cart:8080'),
    verdict: 'rejected-by-peer-authentication',
    mtls: false,
    explains: /DestinationRule shop\/cart/,
  },
  {
    doc: 'DestinationRule ISTIO_MUTUAL to a server without a sidecar fails the handshake',
    extra: dr('legacy', 'batch', 'batch', '  trafficPolicy:\n    tls: { mode: ISTIO_MUTUAL }'),
    call: call('shop/frontend', 'batch.legacy:8080'),
    verdict: 'rejected-by-peer-authentication',
    mtls: true,
  },
  {
    doc: 'DISABLE server receiving Istio mTLS (DestinationRule forces it) cannot read it',
    extra:
      pa('shop', 'cart', '  selector: { matchLabels: { app: cart } }\n  mtls: { mode: DISABLE }') +
      dr('shop', 'cart', 'cart', '  trafficPolicy:\n    tls: { mode: ISTIO_MUTUAL }'),
    call: call('shop/frontend', 'cart:8080'),
    verdict: 'rejected-by-peer-authentication',
  },
  {
    doc: 'auto mTLS sends plaintext to a DISABLE workload, which accepts it',
    extra: pa('shop', 'cart', '  selector: { matchLabels: { app: cart } }\n  mtls: { mode: DISABLE }'),
    call: call('shop/frontend', 'cart:8080'),
    verdict: 'allowed',
    mtls: false,
  },
  {
    doc: 'port-level STRICT on the target port (9090), not the Service port (8080)',
    extra: pa('shop', 'cart', '  selector: { matchLabels: { app: cart } }\n  mtls: { mode: PERMISSIVE }\n  portLevelMtls:\n    9090: { mode: STRICT }'),
    call: call('legacy/batch', 'cart.shop:8080'),
    verdict: 'rejected-by-peer-authentication',
  },
  {
    doc: 'authorization sees the caller principal only with mTLS',
    extra: `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: cart, namespace: shop }
spec:
  selector: { matchLabels: { app: cart } }
  rules:
    - from: [{ source: { principals: ["cluster.local/ns/shop/sa/frontend"] } }]
---
`,
    call: call('shop/frontend', 'cart:8080', { client: { sidecar: false } }),
    verdict: 'denied-by-authorization',
    mtls: false,
  },
  {
    doc: 'a tcp call to a tcp- port: an ALLOW rule with methods matches nothing there',
    extra: dbAllowsGet,
    call: call('shop/frontend', 'db:5432', { protocol: 'tcp' }),
    verdict: 'denied-by-authorization',
    mtls: true,
  },
  {
    doc: 'an http call to a port declared tcp- is parsed as TCP by the sidecar',
    extra: dbAllowsGet,
    call: call('shop/frontend', 'db:5432', { method: 'GET' }),
    verdict: 'denied-by-authorization',
  },
  {
    doc: 'NetworkPolicy decides before the mesh',
    extra:
      strictMesh +
      `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny, namespace: shop }
spec: { podSelector: {}, policyTypes: [Ingress] }
---
`,
    call: call('legacy/batch', 'cart.shop:8080'),
    verdict: 'denied-by-network-policy',
  },
  {
    doc: 'NetworkPolicy sees the target port (named ports resolved): 9090 allowed, Service port 8080 irrelevant',
    extra: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: cart-web, namespace: shop }
spec:
  podSelector: { matchLabels: { app: cart } }
  ingress: [{ ports: [{ port: web }] }]
---
`,
    call: call('shop/frontend', 'cart:8080'),
    verdict: 'allowed',
  },
  {
    doc: 'TLS originated with SIMPLE reaches a PERMISSIVE sidecar as opaque TCP: an ALLOW rule on methods cannot match',
    extra:
      dr('shop', 'cart', 'cart', '  trafficPolicy:\n    tls: { mode: SIMPLE }') +
      `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: cart, namespace: shop }
spec:
  selector: { matchLabels: { app: cart } }
  rules: [{ to: [{ operation: { methods: ["GET"] } }] }]
---
`,
    call: call('shop/frontend', 'cart:8080'),
    verdict: 'denied-by-authorization',
    mtls: false,
  },
  {
    doc: 'unknown Service: no-route, reported against the host it named',
    call: call('shop/frontend', 'nope:8080'),
    verdict: 'no-route',
    to: 'nope.shop.svc.cluster.local',
    port: 8080,
    explains: /no Service shop\/nope/,
  },
  { doc: 'Service without that port: no-route', call: call('shop/frontend', 'cart:1234'), verdict: 'no-route', explains: /has no port 1234/ },
  { doc: 'unknown source workload: no-route', call: call('shop/ghost', 'cart:8080'), verdict: 'no-route' },
  {
    doc: 'ServiceEntry host outside the mesh: allowed, no mTLS',
    call: call('shop/frontend', 'api.payments.example:443', { protocol: 'tcp' }),
    verdict: 'allowed',
    mtls: false,
    to: 'api.payments.example',
  },
  { doc: 'plain external host (passthrough): allowed, no mTLS', call: call('shop/frontend', 'example.org:80'), verdict: 'allowed', mtls: false },
  {
    doc: 'egress NetworkPolicy blocks an external address',
    extra: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: no-egress, namespace: shop }
spec: { podSelector: {}, policyTypes: [Egress] }
---
`,
    call: call('shop/frontend', '203.0.113.10:443', { protocol: 'tcp' }),
    verdict: 'denied-by-network-policy',
  },
];

const sidecarResource = (spec: string) => `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: { name: default, namespace: shop }
spec:
${spec}
---
`;
const sidecarCases: Case[] = [
  {
    doc: 'Sidecar REGISTRY_ONLY blackholes hosts outside the registry',
    extra: sidecarResource('  outboundTrafficPolicy: { mode: REGISTRY_ONLY }'),
    call: call('shop/frontend', 'example.org:80'),
    verdict: 'no-route',
  },
  {
    doc: 'Sidecar REGISTRY_ONLY still reaches ServiceEntry hosts',
    extra: sidecarResource('  outboundTrafficPolicy: { mode: REGISTRY_ONLY }'),
    call: call('shop/frontend', 'api.payments.example:443', { protocol: 'tcp' }),
    verdict: 'allowed',
  },
  {
    doc: 'Sidecar egress.hosts not importing a service: passthrough plaintext, which STRICT rejects',
    extra: strictMesh + sidecarResource('  egress:\n    - hosts: ["istio-system/*"]'),
    call: call('shop/frontend', 'cart:8080'),
    verdict: 'rejected-by-peer-authentication',
    mtls: false,
    explains: /egress\.hosts do not import/,
  },
  {
    doc: 'Sidecar egress.hosts "./*" imports its own namespace',
    extra: strictMesh + sidecarResource('  egress:\n    - hosts: ["./*"]'),
    call: call('shop/frontend', 'cart:8080'),
    verdict: 'allowed',
    mtls: true,
  },
];

// cart-v1 is subset v1 (tls DISABLE in its subset policy); requests with x-canary: 1 go there.
const canaryRouting =
  strictMesh +
  deployment('shop', 'cart-v1', { labels: { app: 'cart', version: 'v1' }, ports: [[9090, 'web']] }) +
  dr(
    'shop',
    'cart',
    'cart',
    '  trafficPolicy:\n    tls: { mode: ISTIO_MUTUAL }\n  subsets:\n    - name: v1\n      labels: { version: v1 }\n      trafficPolicy:\n        tls: { mode: DISABLE }',
  ) +
  `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: cart, namespace: shop }
spec:
  hosts: [cart]
  http:
    - match: [{ headers: { x-canary: { exact: "1" } } }]
      route: [{ destination: { host: cart, subset: v1 } }]
    - route: [{ destination: { host: cart } }]
---
`;

const vsCases: Case[] = [
  {
    doc: "DR subsets: a VirtualService route to subset v1 uses that subset's TLS (DISABLE) and its endpoints",
    extra: canaryRouting,
    call: call('shop/frontend', 'cart:8080', { headers: { 'x-canary': '1' } }),
    verdict: 'rejected-by-peer-authentication',
    mtls: false,
    to: 'cluster1/shop/cart-v1',
  },
  {
    doc: '... while the default route keeps the top-level ISTIO_MUTUAL',
    extra: canaryRouting,
    call: call('shop/frontend', 'cart:8080'),
    verdict: 'allowed',
    mtls: true,
  },
  {
    doc: 'a tcp route sends the connection to another host (and its policies apply there)',
    extra: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: db-to-cart, namespace: shop }
spec:
  hosts: [db.shop.svc.cluster.local]
  tcp:
    - route: [{ destination: { host: cart.shop.svc.cluster.local, port: { number: 8080 } } }]
---
`,
    call: call('shop/frontend', 'db:5432', { protocol: 'tcp' }),
    verdict: 'allowed',
    to: 'cluster1/shop/cart',
    port: 9090,
    explains: /tcp\[0\] routes to cart\.shop\.svc\.cluster\.local:8080/,
  },
  {
    doc: 'a VirtualService bound only to a gateway does not route sidecar traffic',
    extra: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: edge, namespace: shop }
spec:
  hosts: [cart]
  gateways: [istio-system/public]
  http:
    - route: [{ destination: { host: cart, subset: nowhere } }]
---
`,
    call: call('shop/frontend', 'cart:8080'),
    verdict: 'allowed',
  },
  {
    doc: 'a MESH_INTERNAL ServiceEntry with a workloadSelector reaches those workloads with auto mTLS',
    extra: `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: db-alias, namespace: shop }
spec:
  hosts: [db.internal.example]
  location: MESH_INTERNAL
  ports: [{ number: 5432, name: tcp-pg, protocol: TCP }]
  resolution: STATIC
  workloadSelector: { labels: { app: db } }
---
`,
    call: call('shop/frontend', 'db.internal.example:5432', { protocol: 'tcp' }),
    verdict: 'allowed',
    mtls: true,
    to: 'cluster1/shop/db',
  },
  {
    doc: 'a ServiceEntry exported only to its own namespace is invisible elsewhere (plain external host)',
    extra: `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: private-api, namespace: legacy }
spec:
  hosts: [api.private.example]
  exportTo: ["."]
  location: MESH_EXTERNAL
  ports: [{ number: 443, name: tls, protocol: TLS }]
---
`,
    call: call('shop/frontend', 'api.private.example:443', { protocol: 'tcp' }),
    verdict: 'allowed',
    explains: /is not a mesh service: outside the mesh \(passthrough\)/,
  },
  {
    doc: 'a VirtualService with no matching http route answers 404: no-route',
    extra: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: cart, namespace: shop }
spec:
  hosts: [cart.shop.svc.cluster.local]
  http:
    - match: [{ uri: { prefix: /api } }]
      route: [{ destination: { host: cart } }]
---
`,
    call: call('shop/frontend', 'cart:8080', { path: '/admin' }),
    verdict: 'no-route',
  },
  {
    doc: 'a route to an undefined subset has no cluster: no-route',
    extra: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: cart, namespace: shop }
spec:
  hosts: [cart]
  http:
    - route: [{ destination: { host: cart, subset: v9 } }]
---
`,
    call: call('shop/frontend', 'cart:8080'),
    verdict: 'no-route',
    explains: /subset v9 is not defined/,
  },
];

function check(mesh: Mesh, c: Case): void {
  const r = simulateCall(mesh, c.call);
  const why = r.explanation.map((s) => `${s.step}: ${s.policy ?? ''} ${s.detail}`).join('\n');
  assert.equal(r.verdict, c.verdict, why);
  assert.equal(r.allowed, c.verdict === 'allowed');
  if (c.mtls !== undefined) assert.equal(r.mtls, c.mtls, why);
  if (c.to) assert.equal(r.to, c.to, why);
  if (c.port) assert.equal(r.port, c.port, why);
  if (c.explains) assert.match(why, c.explains);
}

describe('simulator: simulateCall in one cluster', () => {
  for (const c of [...singleCases, ...sidecarCases, ...vsCases]) it(c.doc, () => check(meshOf(single + (c.extra ?? '')), c));
});

// Two networks (multi-primary, multi-network) plus a third cluster sharing east's network.
// Services shared across clusters are declared in each (Kubernetes DNS only resolves local Services).
const east = namespace('shop') + app('shop', 'frontend') + app('shop', 'cart') + service('shop', 'payments') + service('shop', 'inventory');
const west =
  namespace('shop') +
  app('shop', 'payments') +
  app('shop', 'cart') +
  app('shop', 'plain-reports', { podLabels: { 'sidecar.istio.io/inject': 'false' } }) +
  service('shop', 'reports-alias');
const eastWestGateway = (network: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: istio-eastwestgateway, namespace: istio-system }
spec:
  selector: { matchLabels: { istio: eastwestgateway } }
  template:
    metadata:
      labels: { istio: eastwestgateway, topology.istio.io/network: ${network} }
    spec:
      containers: [{ name: istio-proxy, image: auto, ports: [{ containerPort: 15443 }] }]
---
`;
const multi = (extraWest = '') =>
  meshOf(
    {
      'east/apps.yaml': east + eastWestGateway('net-east'),
      'west/apps.yaml': west + eastWestGateway('net-west') + extraWest,
      'north/apps.yaml': namespace('shop') + app('shop', 'inventory'),
      'common/mesh.yaml': strictMesh,
    },
    [
      { name: 'east', network: 'net-east', manifests: ['east/**', 'common/**'] },
      { name: 'west', network: 'net-west', manifests: ['west/**', 'common/**'] },
      { name: 'north', network: 'net-east', manifests: ['north/**', 'common/**'] },
    ],
  );

describe('simulator: multi-primary, multi-network', () => {
  it("a Service host prefers endpoints in the caller's cluster", () => {
    const r = simulateCall(multi(), call('east/shop/frontend', 'cart:8080'));
    assert.equal(r.to, 'east/shop/cart');
    assert.match(r.explanation[0].detail, /2 endpoint\(s\) in east, west/);
  });

  it('same-namespace same-name Services merge across clusters: east reaches payments in west', () => {
    const r = simulateCall(multi(), call('east/shop/frontend', 'payments.shop.svc.cluster.local:8080'));
    assert.equal(r.verdict, 'allowed');
    assert.equal(r.to, 'west/shop/payments');
    assert.equal(r.mtls, true);
    assert.ok(r.explanation.some((s) => /cross-network hop: east \(net-east\) -> east-west gateway of west \(net-west\) port 15443/.test(s.detail)));
  });

  it('cross-network traffic needs mTLS (SNI routing): a plaintext client has no route', () => {
    const r = simulateCall(multi(), call('east/shop/frontend', 'payments.shop:8080', { client: { sidecar: false } }));
    assert.equal(r.verdict, 'no-route');
    assert.ok(r.explanation.some((s) => /reachable only with Istio mTLS/.test(s.detail)));
  });

  it('a remote endpoint without a sidecar is not reachable across networks (auto mTLS would send plaintext)', () => {
    const mesh = multi(service('shop', 'plain-reports'));
    const r = simulateCall(mesh, call('east/shop/frontend', 'plain-reports.shop:8080'));
    assert.equal(r.verdict, 'no-route');
  });

  it('clusters on the same network reach each other directly, without the gateway', () => {
    const r = simulateCall(multi(), call('east/shop/frontend', 'inventory.shop:8080'));
    assert.equal(r.verdict, 'allowed');
    assert.equal(r.to, 'north/shop/inventory');
    assert.ok(!r.explanation.some((s) => /cross-network/.test(s.detail)));
  });

  it('a Service declared only in another cluster does not resolve: Kubernetes DNS is per cluster', () => {
    const mesh = multi();
    const r = simulateCall(mesh, call('east/shop/frontend', 'plain-reports.shop:8080'));
    assert.equal(r.verdict, 'no-route');
    assert.match(r.explanation.map((s) => s.detail).join(' | '), /does not resolve in east: Kubernetes DNS only knows Services of the local cluster/);
  });

  it('... unless Istio DNS proxying answers for the caller (proxy.istio.io/config ISTIO_META_DNS_CAPTURE)', () => {
    const dnsCapture = '{ proxyMetadata: { ISTIO_META_DNS_CAPTURE: true } }';
    const mesh = meshOf(
      {
        'east/apps.yaml': namespace('shop') + app('shop', 'frontend', { annotations: { 'proxy.istio.io/config': dnsCapture } }) + eastWestGateway('net-east'),
        'west/apps.yaml': namespace('shop') + app('shop', 'payments') + eastWestGateway('net-west'),
      },
      [
        { name: 'east', network: 'net-east', manifests: ['east/**'] },
        { name: 'west', network: 'net-west', manifests: ['west/**'] },
      ],
    );
    const r = simulateCall(mesh, call('east/shop/frontend', 'payments.shop:8080'));
    assert.equal(r.verdict, 'allowed', r.explanation.map((s) => s.detail).join(' | '));
  });

  it('a source without a cluster prefix is taken from the first cluster (ztn.yaml order) that has it', () => {
    const r = simulateCall(multi(), call('shop/cart', 'payments:8080'));
    assert.equal(r.from, 'east/shop/cart');
  });

  it('cross-cluster NetworkPolicy: the receiving pod sees the east-west gateway as the source', () => {
    const gatewayOnly = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: from-gateway, namespace: shop }
spec:
  podSelector: { matchLabels: { app: payments } }
  ingress:
    - from:
        - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: istio-system } }
          podSelector: { matchLabels: { istio: eastwestgateway } }
---
`;
    assert.equal(simulateCall(multi(gatewayOnly), call('east/shop/frontend', 'payments:8080')).verdict, 'allowed');
    const sameClusterOnly = gatewayOnly.replace(
      /namespaceSelector.*\n\s*podSelector: \{ matchLabels: \{ istio: eastwestgateway \} \}/,
      'podSelector: { matchLabels: { app: frontend } }',
    );
    assert.equal(simulateCall(multi(sameClusterOnly), call('east/shop/frontend', 'payments:8080')).verdict, 'denied-by-network-policy');
  });
});

describe('simulator: multicluster identity and gateways', () => {
  const twoDomains = (westAliases: string[]) =>
    meshOf(
      {
        'east/apps.yaml': east + eastWestGateway('net-east'),
        'west/apps.yaml': west + eastWestGateway('net-west'),
        'common/mesh.yaml': strictMesh,
      },
      [
        { name: 'east', network: 'net-east', trustDomain: 'east.example', manifests: ['east/**', 'common/**'] },
        { name: 'west', network: 'net-west', trustDomain: 'west.example', trustDomainAliases: westAliases, manifests: ['west/**', 'common/**'] },
      ],
    );

  it("a peer from another trust domain is rejected unless it is an alias of the server's (trust domain validation)", () => {
    const rejected = simulateCall(twoDomains([]), call('east/shop/frontend', 'payments:8080'));
    assert.equal(rejected.verdict, 'rejected-by-peer-authentication');
    assert.ok(rejected.explanation.some((s) => /peer trust domain east\.example is neither west\.example nor one of its aliases/.test(s.detail)));
    assert.equal(simulateCall(twoDomains(['east.example']), call('east/shop/frontend', 'payments:8080')).verdict, 'allowed');
  });

  it('the caller\'s principal carries its own trust domain; "cluster.local" in a policy means the server\'s domain and aliases', () => {
    const policy = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: payments, namespace: shop }
spec:
  selector: { matchLabels: { app: payments } }
  rules: [{ from: [{ source: { principals: ["cluster.local/ns/shop/sa/frontend"] } }] }]
---
`;
    const mesh = meshOf(
      { 'east/apps.yaml': east + eastWestGateway('net-east'), 'west/apps.yaml': west + eastWestGateway('net-west') + policy, 'common/mesh.yaml': strictMesh },
      [
        { name: 'east', network: 'net-east', trustDomain: 'east.example', manifests: ['east/**', 'common/**'] },
        { name: 'west', network: 'net-west', trustDomain: 'west.example', trustDomainAliases: ['east.example'], manifests: ['west/**', 'common/**'] },
      ],
    );
    const r = simulateCall(mesh, call('east/shop/frontend', 'payments:8080'));
    assert.equal(r.verdict, 'allowed', r.explanation.map((s) => s.detail).join(' | '));
    assert.ok(r.explanation.some((s) => /matched principal east\.example\/ns\/shop\/sa\/frontend/.test(s.detail)));
  });

  it("each primary composes with its own PeerAuthentications: a DISABLE known only to west is invisible to east's auto mTLS", () => {
    const westOnlyDisable = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: payments, namespace: shop }
spec:
  selector: { matchLabels: { app: payments } }
  mtls: { mode: DISABLE }
---
`;
    const mesh = meshOf({ 'east/apps.yaml': east + eastWestGateway('net-east'), 'west/apps.yaml': west + eastWestGateway('net-west') + westOnlyDisable }, [
      { name: 'east', network: 'flat', manifests: ['east/**'] },
      { name: 'west', network: 'flat', manifests: ['west/**'] },
    ]);
    // Same network: east's sidecar sends mTLS (east knows no DISABLE), west's sidecar in DISABLE cannot read it.
    const fromEast = simulateCall(mesh, call('east/shop/frontend', 'payments:8080'));
    assert.equal(fromEast.mtls, true);
    assert.equal(fromEast.verdict, 'rejected-by-peer-authentication');
    // West's own clients know the DISABLE and send plaintext.
    const fromWest = simulateCall(mesh, call('west/shop/cart', 'payments:8080'));
    assert.equal(fromWest.mtls, false);
    assert.equal(fromWest.verdict, 'allowed');
  });

  it('a network without an east-west gateway is unreachable from other networks', () => {
    const mesh = meshOf({ 'east/apps.yaml': east + eastWestGateway('net-east'), 'west/apps.yaml': west, 'common/mesh.yaml': strictMesh }, [
      { name: 'east', network: 'net-east', manifests: ['east/**', 'common/**'] },
      { name: 'west', network: 'net-west', manifests: ['west/**', 'common/**'] },
    ]);
    const r = simulateCall(mesh, call('east/shop/frontend', 'payments:8080'));
    assert.equal(r.verdict, 'no-route');
    assert.ok(r.explanation.some((s) => /no east-west gateway/.test(s.detail)));
  });
});

describe('simulator: simulateTraffic', () => {
  it('records expectations and sums up', () => {
    const mesh = meshOf(single + strictMesh);
    const r = simulateTraffic(mesh, {
      name: 't',
      calls: [
        { ...call('shop/frontend', 'cart:8080'), name: 'ok', expect: { mtls: true, allowed: true } },
        { ...call('legacy/batch', 'cart.shop:8080'), name: 'wrong', expect: { allowed: true } },
      ],
    });
    assert.deepEqual(r.summary, { total: 2, allowed: 1, denied: 1, mtls: 1, expectationsFailed: 1 });
    assert.deepEqual(r.calls[0].expectation, { ok: true });
    assert.equal(r.calls[1].expectation?.ok, false);
    assert.match(r.calls[1].expectation!.failures![0], /expected allowed true, predicted false \(rejected-by-peer-authentication\)/);
    assert.deepEqual(Object.keys(r.calls[0]), ['name', 'from', 'to', 'port', 'mtls', 'allowed', 'verdict', 'explanation', 'expectation']);
  });
});
