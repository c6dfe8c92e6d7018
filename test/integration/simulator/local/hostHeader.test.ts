// The Host header on the wire is the one the engine predicts with, so AuthorizationPolicy `hosts` rules agree.
import assert from 'node:assert/strict';
import { replayCalls } from '../../../../simulator/local/replay';
import type { SandboxRuntime } from '../../../../simulator/local/runtime';
import type { TrafficCall } from '../../../../src/policy/types';
import { app, meshOf, namespace } from '../../../helpers/meshFixture';
import { predict, startRuntime } from './fixture';

const MANIFESTS = `${namespace('shop')}${app('shop', 'frontend', { ports: [[8080, 'http']] })}${app('shop', 'cart', { ports: [[8080, 'http']] })}apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: cart-by-host, namespace: shop}
spec:
  selector: {matchLabels: {app: cart}}
  rules: [{to: [{operation: {hosts: ["cart:8080", "cart.shop.svc.cluster.local:8080"]}}]}]
`;

describe('local sandbox Host header', function () {
  this.timeout(20_000);
  let runtime: SandboxRuntime;
  before(async () => {
    runtime = await startRuntime({}, meshOf(MANIFESTS));
  });
  after(async () => {
    await runtime?.stop();
  });

  const cases: { call: TrafficCall; allowed: boolean }[] = [
    // A workload reference: an HTTP client dialling cart:8080 sends Host cart:8080.
    { call: { from: 'shop/frontend', to: 'shop/cart:8080' }, allowed: true },
    { call: { from: 'shop/frontend', to: 'cart.shop.svc.cluster.local:8080' }, allowed: true },
    { call: { from: 'shop/frontend', to: 'cart.shop:8080' }, allowed: false },
    // A Host the call sets itself is the one sent.
    { call: { from: 'shop/frontend', to: 'cart.shop:8080', headers: { Host: 'cart:8080' } }, allowed: true },
  ];
  for (const { call, allowed } of cases) {
    it(`${call.to}${call.headers ? ' with Host set' : ''}: ${allowed ? 'allowed' : 'denied'} by the hosts rule, on the wire as the engine predicts`, async () => {
      const [observed] = (await replayCalls(runtime, { calls: [call] })).observations;
      const [predicted] = predict(runtime.ctx.mesh, [call]).calls;
      assert.equal(observed.allowed, allowed, observed.hops.join(' | '));
      assert.equal(predicted.allowed, allowed, 'the engine');
      assert.equal(observed.verdict, predicted.verdict);
    });
  }
});
