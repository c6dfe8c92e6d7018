// `ztn sandbox traffic --from-graph`: one call per trust-graph edge, a valid traffic file the sandbox can replay.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { resolveConfig } from '../../../../src/config/load';
import { loadWorkspace } from '../../../../src/model/workspace';
import { trafficFromGraph } from '../../../../simulator/trafficFromGraph';
import { parseTrafficFile } from '../../../../src/policy';

describe('traffic from the trust graph', () => {
  const dir = join(__dirname, '..', '..', '..', 'fixtures', 'sandbox-mesh');
  const { calls, yaml } = trafficFromGraph(loadWorkspace([dir], resolveConfig(dir)));

  it('writes a traffic file that parses back to the same calls', () => {
    const parsed = parseTrafficFile('from-graph.yaml', yaml);
    assert.equal(parsed.name, 'from-graph');
    assert.deepEqual(parsed.calls, calls);
  });

  it('has one call per allowed edge, TCP where the Service port says so, with the prediction as expectation', () => {
    const byName = new Map(calls.map((c) => [c.name, c]));
    const redis = byName.get('east/shop/cart -> east/shop/redis:6379');
    assert.deepEqual(redis && { protocol: redis.protocol, expect: redis.expect }, { protocol: 'tcp', expect: { verdict: 'allowed', mtls: true } });
    assert.equal(byName.get('east/shop/frontend -> east/shop/cart:8080')?.protocol, 'http');
    assert.ok(!byName.has('east/shop/reviewer -> east/shop/cart:8080'), 'cart allows frontend only');
    assert.equal(new Set(calls.map((c) => c.name)).size, calls.length, 'one call per edge');
  });

  it('leaves out hops into east-west gateways', () => {
    assert.ok(calls.length > 0);
    assert.ok(!calls.some((c) => /istio-eastwestgateway/.test(c.to) || /istio-eastwestgateway/.test(c.from)));
  });
});
