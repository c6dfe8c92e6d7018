// A prediction carries its caveats: what the engine assumed, and not-modelled fields of the policies behind the call.
import { strict as assert } from 'node:assert';
import { simulateCall } from '../../../src/policy/simulate';
import { app, meshOf, namespace } from '../../helpers/meshFixture';

const SHOP = namespace('shop') + app('shop', 'frontend') + app('shop', 'cart', { ports: [8080] });
const call = { from: 'shop/frontend', to: 'cart.shop.svc.cluster.local:8080', path: '/' };

describe('caveats of a prediction', () => {
  it('a call decided on manifests alone carries none (the field is absent)', () => {
    const r = simulateCall(meshOf(SHOP), call);
    assert.equal(r.verdict, 'allowed');
    assert.equal(r.caveats, undefined);
  });

  it('a DestinationRule behind the call that sets connectionPool: not modelled, at the field', () => {
    const dr = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: cart, namespace: shop}
spec:
  host: cart.shop.svc.cluster.local
  trafficPolicy:
    tls: {mode: ISTIO_MUTUAL}
    connectionPool:
      tcp: {maxConnections: 1}
---
`;
    const r = simulateCall(meshOf(SHOP + dr), call);
    const caveat = r.caveats?.find((c) => c.kind === 'not-modelled');
    assert.ok(caveat, JSON.stringify(r, null, 1));
    assert.equal(caveat.policy, 'DestinationRule shop/cart');
    assert.equal(caveat.file, 'mesh.yaml');
    assert.equal(caveat.line, SHOP.split('\n').length + 7, 'the connectionPool key');
    assert.match(caveat.detail, /spec\.trafficPolicy\.connectionPool, which the engine does not model: .*503/);
  });

  it('a CUSTOM authorizer that decides is an assumption', () => {
    const custom = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ext, namespace: shop}
spec:
  selector: {matchLabels: {app: cart}}
  action: CUSTOM
  provider: {name: opa}
  rules: [{}]
---
`;
    const r = simulateCall(meshOf(SHOP + custom), call);
    assert.ok(
      r.caveats?.some((c) => c.kind === 'assumption' && c.policy === 'AuthorizationPolicy shop/ext' && /external authorizer/.test(c.detail)),
      JSON.stringify(r.caveats),
    );
  });

  it('a condition on destination.ip, which manifests cannot tell, is an assumption of the call', () => {
    const policy = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: by-ip, namespace: shop}
spec:
  selector: {matchLabels: {app: cart}}
  action: ALLOW
  rules:
    - when: [{key: destination.ip, values: ["10.0.0.1"]}]
---
`;
    const r = simulateCall(meshOf(SHOP + policy), call);
    assert.equal(r.verdict, 'denied-by-authorization');
    assert.ok(
      r.caveats?.some((c) => c.kind === 'assumption' && c.file === 'mesh.yaml'),
      JSON.stringify(r, null, 1),
    );
  });
});
