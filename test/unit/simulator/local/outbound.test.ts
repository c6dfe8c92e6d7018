// The outbound side's stages without sockets: the destination a request names, routing once per target, local replies.
import assert from 'node:assert/strict';
import { defaultConfig } from '../../../../src/config/load';
import { WorkspaceIndex } from '../../../../src/model/workspace';
import { buildMesh } from '../../../../src/policy';
import type { AccessEntry } from '../../../../simulator/local/accessLog';
import { recordPooledConnection, RouteCache, upstreamFailure } from '../../../../simulator/local/outboundHttp';
import { DESTINATION_HEADER, endToEnd, refuse, targetOf, type OutboundReply } from '../../../../simulator/local/outboundRequest';
import { tunnelRefusal } from '../../../../simulator/local/outboundTunnel';
import { planSandbox } from '../../../../simulator/local/plan';
import type { RuntimeContext } from '../../../../simulator/local/runtimeContext';
import { UpstreamError, type Route } from '../../../../simulator/local/upstream';
import type { PooledConnection } from '../../../../simulator/local/upstreamPool';

const MANIFESTS = `apiVersion: v1
kind: Namespace
metadata: { name: shop, labels: { istio-injection: enabled } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: frontend, namespace: shop }
spec:
  template:
    metadata: { labels: { app: frontend } }
    spec: { serviceAccountName: frontend, containers: [{ name: app, image: frontend }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: cart, namespace: shop }
spec:
  template:
    metadata: { labels: { app: cart } }
    spec: { serviceAccountName: cart, containers: [{ name: app, image: cart, ports: [{ containerPort: 8080, name: http }] }] }
---
apiVersion: v1
kind: Service
metadata: { name: cart, namespace: shop }
spec: { selector: { app: cart }, ports: [{ name: http, port: 80, targetPort: 8080 }] }
`;

const entry = (): AccessEntry => ({ hop: 'outbound', proxy: 'cluster1/shop/frontend', downstream: '127.50.0.1', port: 15001, done: false });

describe('sandbox outbound stages', () => {
  it('targetOf: the sandbox header first, then the CONNECT target or the Host header', () => {
    assert.equal(targetOf({ headers: { host: 'cart', [DESTINATION_HEADER]: 'shop/cart' }, method: 'GET', url: '/' }), 'shop/cart');
    assert.equal(targetOf({ headers: { host: 'proxy' }, method: 'CONNECT', url: 'cart:5432' }), 'cart:5432');
    assert.equal(targetOf({ headers: { host: 'cart:80' }, method: 'GET', url: '/' }), 'cart:80');
    assert.equal(targetOf({ headers: {}, method: 'GET', url: '/' }), undefined);
  });

  it('endToEnd: hop-by-hop headers and the sandbox header stay with the sidecar', () => {
    assert.deepEqual(endToEnd({ host: 'cart', connection: 'keep-alive', 'keep-alive': 'timeout=5', [DESTINATION_HEADER]: 'shop/cart', 'x-request-id': 'r1' }), {
      host: 'cart',
      'x-request-id': 'r1',
    });
  });

  it('RouteCache: a target resolves once per sidecar, to the endpoint and the channel the engine chooses', () => {
    const index = new WorkspaceIndex(defaultConfig('/ws'));
    index.setFile('/ws/shop.yaml', MANIFESTS);
    const mesh = buildMesh(index);
    const plan = planSandbox(mesh, 50);
    const ctx = { mesh, byId: new Map(plan.workloads.map((p) => [p.workload.id, p])), gateways: new Map() } as unknown as RuntimeContext;
    const frontend = ctx.byId.get('cluster1/shop/frontend')!;
    const routes = new RouteCache(ctx, frontend, true);
    const routed = routes.get('cart.shop.svc.cluster.local:80');
    assert.equal(routes.get('cart.shop.svc.cluster.local:80'), routed, 'resolved once');
    assert.ok(routed.ok);
    assert.deepEqual(
      [routed.route.endpoint.workload.id, routed.route.mtls, routed.route.sni, routed.route.dialPort, [...routed.route.expectedIds]],
      ['cluster1/shop/cart', true, 'outbound_.80_._.cart.shop.svc.cluster.local', 8080, ['spiffe://cluster.local/ns/shop/sa/cart']],
    );
    assert.equal(routed.route.dialHost, ctx.byId.get('cluster1/shop/cart')!.address);
    const plaintext = new RouteCache(ctx, frontend, false).get('cart.shop.svc.cluster.local:80');
    assert.ok(plaintext.ok && !plaintext.route.mtls && plaintext.route.sni === undefined, 'no identity, no mTLS');
    const missing = routes.get('nowhere.shop.svc.cluster.local:80');
    assert.equal(missing.ok, false);
  });

  it('refuse: the local reply is logged on the entry and passed to the caller', () => {
    const refused: [number, string][] = [];
    const reply: OutboundReply = { answered: () => assert.fail(), refused: (status, detail) => refused.push([status, detail]), broken: () => assert.fail() };
    const e = entry();
    refuse(e, reply, 503, 'no healthy upstream');
    assert.deepEqual(refused, [[503, 'no healthy upstream']]);
    assert.deepEqual(e, { ...entry(), status: 503, detail: 'no healthy upstream', done: true });
  });

  it('upstreamFailure: a failed connection keeps its own decision; anything else is a reset before headers', () => {
    assert.deepEqual(upstreamFailure(new UpstreamError('tls-failed', 'server identity x is not one of y')), {
      decision: 'tls-failed',
      detail: 'server identity x is not one of y',
    });
    assert.deepEqual(upstreamFailure(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })), {
      decision: 'upstream-failed',
      detail: 'upstream connect error or disconnect/reset before headers: ECONNRESET',
    });
  });

  it("recordPooledConnection: the request takes the next place on the connection, and the connection's TLS facts", () => {
    const connection: PooledConnection = {
      local: '127.50.0.1:41000',
      requests: 2,
      mtls: true,
      tlsVersion: 'TLSv1.3',
      cipher: 'TLS_AES_128_GCM_SHA256',
      serverId: 'spiffe://cluster.local/ns/shop/sa/cart',
      sni: 'outbound_.80_._.cart.shop.svc.cluster.local',
      name: 'pool',
      route: 'r',
    };
    const e = entry();
    recordPooledConnection(e, { dialHost: '127.50.0.2', dialPort: 8080 } as Route, connection);
    assert.equal(connection.requests, 3);
    assert.deepEqual(e, {
      ...entry(),
      upstream: '127.50.0.1:41000',
      upstreamRequest: 3,
      target: '127.50.0.2:8080',
      mtls: true,
      sni: 'outbound_.80_._.cart.shop.svc.cluster.local',
      tlsVersion: 'TLSv1.3',
      cipher: 'TLS_AES_128_GCM_SHA256',
      peerIdentity: 'spiffe://cluster.local/ns/shop/sa/cart',
    });
  });

  it('tunnelRefusal: the answer the app reads on a refused CONNECT', () => {
    const answer = tunnelRefusal(400, 'no CONNECT target');
    assert.match(answer, /^HTTP\/1\.1 400 /);
    assert.ok(answer.endsWith('\r\ncontent-type: text/plain\r\n\r\nno CONNECT target'));
  });
});
