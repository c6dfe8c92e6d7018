// The trust graph built from the fixture shop: nodes, edges with states and explanations, replay results, findings.
import assert from 'node:assert/strict';
import { buildTrustGraph } from '../../../src/graph/build';
import type { SimulationResult } from '../../../src/policy/types';
import type { TrustGraph } from '../../../src/graph/types';
import { CART, CATALOG, FRONTEND, GATEWAY, PARTNER, REPORTING, shopIndex, shopTraffic } from './fixture';

const edge = (g: TrustGraph, source: string, target: string, port: number) => {
  const e = g.edges.find((x) => x.source === source && x.target === target && x.port === port);
  assert.ok(e, `edge ${source} -> ${target}:${port} missing; have ${g.edges.map((x) => x.id).join(', ')}`);
  return e;
};
const node = (g: TrustGraph, id: string) => {
  const n = g.nodes.find((x) => x.id === id);
  assert.ok(n, `node ${id} missing`);
  return n;
};

describe('graph: building from the shop fixture', () => {
  const graph = buildTrustGraph(shopIndex(), { traffic: shopTraffic() });

  it('has workloads, the ingress gateway and the ServiceEntry as nodes, boxed by cluster and namespace', () => {
    assert.deepEqual(
      graph.nodes.map((n) => [n.id, n.kind, n.parent]),
      [
        [GATEWAY, 'gateway', 'namespace:cluster1/istio-system'],
        [REPORTING, 'workload', 'namespace:cluster1/legacy'],
        [CART, 'workload', 'namespace:cluster1/shop'],
        [CATALOG, 'workload', 'namespace:cluster1/shop'],
        [FRONTEND, 'workload', 'namespace:cluster1/shop'],
        [PARTNER, 'external', 'namespace:cluster1/shop'],
      ],
    );
    assert.equal(node(graph, GATEWAY).gatewayRole, 'ingress');
    assert.deepEqual(node(graph, PARTNER).hosts, ['api.partner.example.com']);
    assert.ok(graph.groups.some((g) => g.id === 'namespace:cluster1/shop' && g.parent === 'cluster:cluster1'));
  });

  it('gives each workload its SPIFFE identity, sidecar, default-ServiceAccount flag and composed mTLS mode with sources', () => {
    const frontend = node(graph, FRONTEND);
    assert.equal(frontend.identity, 'spiffe://cluster.local/ns/shop/sa/frontend');
    assert.equal(frontend.sidecar, true);
    assert.equal(frontend.defaultServiceAccount, false);
    assert.equal(frontend.mtlsMode, 'STRICT');
    assert.ok(frontend.mtls[0].sources.some((s) => s.policy === 'PeerAuthentication istio-system/default'));
    const catalog = node(graph, CATALOG);
    assert.equal(catalog.defaultServiceAccount, true);
    assert.equal(catalog.identity, 'spiffe://cluster.local/ns/shop/sa/default');
    const reporting = node(graph, REPORTING);
    assert.equal(reporting.sidecar, false);
    assert.equal(reporting.mtlsMode, 'PERMISSIVE');
    assert.ok(reporting.mtls[0].sources.some((s) => s.policy === 'PeerAuthentication legacy/default'));
  });

  it('lists the policies that select a workload, with their place in the manifests', () => {
    const policies = node(graph, CATALOG).policies;
    assert.deepEqual(
      policies.map((p) => p.policy),
      ['AuthorizationPolicy shop/catalog-from-cart', 'PeerAuthentication istio-system/default'],
    );
    assert.equal(policies[0].file, 'shop.yaml');
    assert.ok((policies[0].line ?? 0) > 1);
    assert.ok(!node(graph, FRONTEND).policies.some((p) => p.policy.includes('catalog-from-cart')));
  });

  it('turns Service hosts in env values and args into edges with the engine verdict', () => {
    const toCart = edge(graph, FRONTEND, CART, 8080);
    const envCall = toCart.calls.find((c) => c.origin === 'manifest');
    assert.equal(envCall?.reference?.detail, 'env CART_URL');
    assert.equal(envCall?.allowed, true);
    assert.equal(envCall?.mtls, true);

    const toCatalog = edge(graph, FRONTEND, CATALOG, 9090);
    assert.equal(toCatalog.state, 'denied');
    assert.equal(toCatalog.verdict, 'denied-by-authorization');
    assert.equal(toCatalog.calls[0].reference?.detail, 'args[0]');
    assert.ok(toCatalog.calls[0].explanation.some((s) => s.step === 'authorization'));

    assert.equal(edge(graph, FRONTEND, REPORTING, 8080).state, 'plaintext');
    assert.ok(edge(graph, FRONTEND, PARTNER, 443).origins.includes('manifest'));
  });

  it('ignores bare words that only look like Service names', () => {
    const toCart = edge(graph, FRONTEND, CART, 8080);
    assert.ok(!toCart.calls.some((c) => c.reference?.detail === 'env GREETING'));
  });

  it('adds gateway routes of VirtualServices bound to a Gateway', () => {
    const route = edge(graph, GATEWAY, FRONTEND, 8080);
    assert.deepEqual(route.origins, ['manifest']);
    assert.match(route.calls[0].reference?.detail ?? '', /VirtualService shop\/shop http\[0\] route via Gateway Gateway istio-system\/public/);
  });

  it('adds traffic-file calls with their explanation, merged into the edge the manifests already show', () => {
    const cartToCatalog = edge(graph, CART, CATALOG, 9090);
    assert.deepEqual(cartToCatalog.origins, ['traffic']);
    assert.equal(cartToCatalog.state, 'mtls');
    assert.equal(cartToCatalog.calls[0].name, 'cart-to-catalog');
    const toCart = edge(graph, FRONTEND, CART, 8080);
    assert.deepEqual(toCart.origins, ['manifest', 'traffic']);
    const plaintext = toCart.calls.find((c) => c.name === 'frontend-to-cart-plaintext');
    assert.equal(plaintext?.verdict, 'rejected-by-peer-authentication');
    // One call is rejected, the env reference gets through with mTLS: the edge is mTLS, the panel shows both.
    assert.equal(toCart.state, 'mtls');
  });

  it('counts lint findings per workload by severity', () => {
    const catalog = node(graph, CATALOG);
    const total = catalog.findingCounts.error + catalog.findingCounts.warning + catalog.findingCounts.info;
    assert.equal(total, catalog.findings.length);
    assert.ok(catalog.findings.every((f) => f.file === 'shop.yaml' && f.line > 0 && /^ZT\d{4}$/.test(f.ruleId)));
    assert.equal(node(graph, PARTNER).findings.length, 0);
  });

  it('summarizes edges by state', () => {
    const byState = { mtls: 0, permissive: 0, plaintext: 0, denied: 0 };
    for (const e of graph.edges) byState[e.state]++;
    assert.deepEqual(graph.summary.byState, byState);
    assert.equal(graph.summary.edges, graph.edges.length);
    assert.equal(graph.summary.workloads, 4);
  });
});

describe('graph: replay results and allowed edges', () => {
  const results: SimulationResult = {
    calls: [
      {
        name: 'cart-to-catalog',
        from: CART,
        to: CATALOG,
        port: 9090,
        mtls: true,
        allowed: true,
        verdict: 'allowed',
        explanation: [{ step: 'authorization', policy: 'AuthorizationPolicy shop/catalog-from-cart', detail: 'ALLOW rule 0 matched' }],
        observed: { outcome: 'ok', status: 200, tlsVersion: 'TLSv1.3', clientIdentity: 'spiffe://cluster.local/ns/shop/sa/cart' },
        agrees: true,
      },
      {
        name: 'reporting-to-cart',
        from: REPORTING,
        to: CART,
        port: 8080,
        mtls: false,
        allowed: false,
        verdict: 'rejected-by-peer-authentication',
        explanation: [],
        observed: { outcome: 'ok', status: 200 },
        agrees: false,
      },
    ],
    summary: { total: 2, allowed: 1, denied: 1, mtls: 1, expectationsFailed: 0 },
  };

  it('marks edges verified by a sandbox, and ones where the wire disagreed', () => {
    const graph = buildTrustGraph(shopIndex(), { traffic: shopTraffic(), results });
    const verified = edge(graph, CART, CATALOG, 9090);
    assert.deepEqual(verified.origins, ['replay']);
    assert.equal(verified.calls.length, 1, 'the replayed call replaces its traffic-file prediction');
    assert.equal(verified.verified, true);
    assert.equal(verified.calls[0].observed?.tlsVersion, 'TLSv1.3');
    const disagreeing = edge(graph, REPORTING, CART, 8080);
    assert.equal(disagreeing.verified, false);
    assert.equal(disagreeing.disagrees, true);
    assert.equal(graph.summary.verified, 1);
    assert.equal(graph.summary.disagreements, 1);
  });

  it('adds every allowed call with --edges allowed, without duplicating known edges', () => {
    const known = buildTrustGraph(shopIndex());
    const all = buildTrustGraph(shopIndex(), { allowedEdges: true });
    assert.ok(all.edges.length > known.edges.length);
    const onlyAllowed = all.edges.filter((e) => e.origins.length === 1 && e.origins[0] === 'allowed');
    assert.ok(onlyAllowed.length > 0);
    assert.ok(onlyAllowed.every((e) => e.state !== 'denied'));
    assert.ok(all.edges.some((e) => e.source === CART && e.target === CATALOG && e.port === 9090));
    assert.equal(new Set(all.edges.map((e) => e.id)).size, all.edges.length);
  });

  it('updates when a policy changes (what-if editing)', () => {
    const denyAll = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: deny-cart, namespace: shop }
spec:
  selector: { matchLabels: { app: cart } }
  action: DENY
  rules: [{}]
`;
    const graph = buildTrustGraph(shopIndex({ 'what-if.yaml': denyAll }));
    const toCart = edge(graph, FRONTEND, CART, 8080);
    assert.equal(toCart.state, 'denied');
    assert.ok(node(graph, CART).policies.some((p) => p.policy === 'AuthorizationPolicy shop/deny-cart' && p.file === 'what-if.yaml'));
  });
});
