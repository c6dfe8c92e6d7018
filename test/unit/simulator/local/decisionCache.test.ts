// A sidecar's decision table gives exactly what the engine's authorize gives, for every request shape, first time and cached.
import assert from 'node:assert/strict';
import { authorize } from '../../../../src/policy/authorization/evaluate';
import { DecisionCache } from '../../../../simulator/local/decisionCache';
import type { RequestAttributes } from '../../../../src/policy/types';
import { meshOf, namespace } from '../../../helpers/meshFixture';

const MANIFESTS = `${namespace('shop')}apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  selector: {matchLabels: {app: cart}}
  template:
    metadata: {labels: {app: cart}}
    spec:
      serviceAccountName: cart
      containers: [{name: app, image: app:1, ports: [{name: http, containerPort: 8080}]}]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: cart-allow, namespace: shop}
spec:
  selector: {matchLabels: {app: cart}}
  rules:
    - from: [{source: {principals: [cluster.local/ns/shop/sa/frontend]}}]
      to: [{operation: {methods: [GET, POST], paths: ["/api/*"]}}]
    - from: [{source: {namespaces: [ops]}}]
      when: [{key: "request.headers[X-Ticket]", values: ["OPS-*"]}]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: cart-deny, namespace: shop}
spec:
  selector: {matchLabels: {app: cart}}
  action: DENY
  rules:
    - to: [{operation: {paths: ["/api/admin*"]}}]
    - from: [{source: {ipBlocks: ["127.9.9.0/24"]}}]
    - to: [{operation: {hosts: ["internal.cart*"]}}]
    - when: [{key: connection.sni, values: ["*.evil"]}]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: cart-audit, namespace: shop, annotations: {istio.io/dry-run: "true"}}
spec:
  selector: {matchLabels: {app: cart}}
  action: DENY
  rules: [{to: [{operation: {methods: [DELETE]}}]}]
`;

const frontend = { principal: 'cluster.local/ns/shop/sa/frontend', namespace: 'shop', sourceIp: '127.1.0.2', port: 8080, http: true };
const ops = { principal: 'cluster.local/ns/ops/sa/oncall', namespace: 'ops', sourceIp: '127.1.0.3', port: 8080, http: true };

// Pairs that differ in one attribute each, so a decision kept under too coarse a key would show.
const REQUESTS: { name: string; request: RequestAttributes }[] = [
  { name: 'frontend GET /api/cart', request: { ...frontend, method: 'GET', path: '/api/cart' } },
  { name: 'frontend GET /api/admin', request: { ...frontend, method: 'GET', path: '/api/admin' } },
  { name: 'frontend DELETE /api/cart', request: { ...frontend, method: 'DELETE', path: '/api/cart' } },
  { name: 'frontend GET /other', request: { ...frontend, method: 'GET', path: '/other' } },
  { name: 'frontend without path', request: { ...frontend, method: 'GET' } },
  { name: 'frontend empty path', request: { ...frontend, method: 'GET', path: '' } },
  { name: 'frontend from a denied block', request: { ...frontend, sourceIp: '127.9.9.7', method: 'GET', path: '/api/cart' } },
  { name: 'frontend to an internal host', request: { ...frontend, host: 'internal.cart:8080', method: 'GET', path: '/api/cart' } },
  { name: 'frontend with an evil SNI', request: { ...frontend, sni: 'outbound_.8080_._.x.evil', method: 'GET', path: '/api/cart' } },
  { name: 'another principal', request: { ...frontend, principal: 'cluster.local/ns/shop/sa/reviewer', method: 'GET', path: '/api/cart' } },
  { name: 'no peer identity', request: { sourceIp: '127.1.0.2', port: 8080, http: true, method: 'GET', path: '/api/cart' } },
  { name: 'ops with a ticket', request: { ...ops, method: 'GET', path: '/x', headers: { 'x-ticket': 'OPS-12' } } },
  { name: 'ops with another ticket', request: { ...ops, method: 'GET', path: '/x', headers: { 'x-ticket': 'DEV-12' } } },
  { name: 'ops without a ticket', request: { ...ops, method: 'GET', path: '/x', headers: { 'user-agent': 'curl' } } },
  { name: 'ops, ticket header in capitals', request: { ...ops, method: 'GET', path: '/x', headers: { 'X-Ticket': 'OPS-1' } } },
  { name: 'opaque TCP from frontend', request: { ...frontend, http: false } },
  { name: 'opaque TCP from ops', request: { ...ops, http: false } },
  { name: 'a JWT principal (decided afresh)', request: { ...frontend, method: 'GET', path: '/api/cart', requestPrincipal: 'iss/sub' } },
];

describe('sandbox authorization decision table', () => {
  const mesh = meshOf(MANIFESTS);
  const cart = mesh.workloads.find((w) => w.name === 'cart')!;

  it('decides every request as the engine does, the first time and from the table', () => {
    const cache = new DecisionCache(mesh, cart);
    for (let pass = 0; pass < 2; pass++) {
      for (const { name, request } of REQUESTS) assert.deepEqual(cache.authorize(request), authorize(mesh, cart, request), `${name} (pass ${pass + 1})`);
    }
  });

  it('tells apart requests that differ only in a header a policy reads', () => {
    const cache = new DecisionCache(mesh, cart);
    const withTicket = cache.authorize({ ...ops, method: 'GET', path: '/x', headers: { 'x-ticket': 'OPS-1' } });
    const withoutTicket = cache.authorize({ ...ops, method: 'GET', path: '/x', headers: { 'x-ticket': 'DEV-1' } });
    assert.equal(withTicket.allowed, true);
    assert.equal(withoutTicket.allowed, false);
  });

  it('covers both outcomes in the table above', () => {
    const outcomes = new Set(REQUESTS.map(({ request }) => authorize(mesh, cart, request).allowed));
    assert.deepEqual([...outcomes].sort(), [false, true]);
  });
});
