// `ztn simulate` and `ztn netpol` end to end through the CLI entry: output shapes and exit codes.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';

const repo = join(__dirname, '../../..');
const fixture = 'test/fixtures/policy/shop';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd: repo });
  return { code, out, err };
}

describe('cli: ztn simulate', () => {
  it('exit 0 when every expectation holds; text names verdicts and policies with file:line', async () => {
    const r = await run('simulate', fixture, '--traffic', `${fixture}/traffic.yaml`);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /cluster1\/shop\/frontend -> cluster1\/shop\/cart:9090 {2}mTLS {2}allowed/);
    assert.match(r.out, /AuthorizationPolicy shop\/cart-allow \(mesh\.yaml:\d+\): ALLOW rule 0 matched/);
    assert.match(r.out, /3 call\(s\): 1 allowed, 2 denied, 2 mTLS, 0 expectation\(s\) failed/);
  });

  it('JSON has exactly the documented result shape', async () => {
    const r = await run('simulate', fixture, '--traffic', `${fixture}/traffic.yaml`, '--format', 'json');
    const json = JSON.parse(r.out);
    assert.deepEqual(Object.keys(json), ['calls', 'summary']);
    assert.deepEqual(Object.keys(json.summary), ['total', 'allowed', 'denied', 'mtls', 'expectationsFailed']);
    const first = json.calls[0];
    assert.deepEqual(Object.keys(first), ['name', 'from', 'to', 'port', 'mtls', 'allowed', 'verdict', 'explanation', 'expectation']);
    const authz = first.explanation.find((s: { step: string }) => s.step === 'authorization');
    assert.deepEqual(Object.keys(authz), ['step', 'policy', 'file', 'line', 'detail']);
  });

  it('exit 1 when an expectation fails', async () => {
    const r = await run('simulate', fixture, '--traffic', `${fixture}/failing-traffic.yaml`);
    assert.equal(r.code, 1);
    assert.match(r.out, /expectation FAILED: expected allowed true, predicted false \(rejected-by-peer-authentication\)/);
  });

  it('exit 2 with one line file:line:col for a bad traffic file', async () => {
    const r = await run('simulate', fixture, '--traffic', `${fixture}/bad-traffic.yaml`);
    assert.equal(r.code, 2);
    assert.equal(r.err, `ztn simulate: ${fixture}/bad-traffic.yaml:5:9: calls[0].to must end with :port (got 'cart')\n`);
  });

  it('exit 2 for a missing traffic file, and without --traffic or --matrix', async () => {
    assert.equal((await run('simulate', fixture, '--traffic', 'nope.yaml')).code, 2);
    const r = await run('simulate', fixture);
    assert.equal(r.code, 2);
    assert.match(r.err, /give --traffic FILE or --matrix/);
  });

  it('--matrix lists every workload against every Service port', async () => {
    const r = await run('simulate', fixture, '--matrix', '--format', 'json');
    assert.equal(r.code, 0);
    const json = JSON.parse(r.out);
    assert.deepEqual(
      json.calls.map((c: { from: string; to: string; verdict: string }) => `${c.from} ${c.to} ${c.verdict}`),
      [
        'cluster1/legacy/batch cluster1/shop/cart rejected-by-peer-authentication',
        'cluster1/shop/cart cluster1/shop/cart denied-by-authorization',
        'cluster1/shop/frontend cluster1/shop/cart denied-by-authorization',
      ],
    );
  });

  it('--matrix as text: one line per pair, then totals', async () => {
    const r = await run('simulate', fixture, '--matrix');
    assert.equal(r.code, 0);
    assert.equal(
      r.out,
      [
        'cluster1/legacy/batch -> cart.shop.svc.cluster.local:8080 => cluster1/shop/cart:9090  plaintext  rejected-by-peer-authentication',
        'cluster1/shop/cart -> cart.shop.svc.cluster.local:8080 => cluster1/shop/cart:9090  mTLS  denied-by-authorization',
        'cluster1/shop/frontend -> cart.shop.svc.cluster.local:8080 => cluster1/shop/cart:9090  mTLS  denied-by-authorization',
        '3 pair(s): 0 allowed, 3 denied, 2 mTLS',
        '',
      ].join('\n'),
    );
  });

  it('the example shop passes every expectation in examples/traffic.yaml', async () => {
    const r = await run('simulate', 'examples', '--traffic', 'examples/traffic.yaml', '--format', 'json');
    const json = JSON.parse(r.out);
    const failed = json.calls.filter((c: { expectation?: { ok: boolean } }) => c.expectation && !c.expectation.ok);
    assert.deepEqual(
      failed.map((c: { name: string; expectation: { failures: string[] } }) => `${c.name}: ${c.expectation.failures.join('; ')}`),
      [],
    );
    assert.equal(r.code, 0);
  });
});

describe('cli: ztn netpol', () => {
  it('txt lines and JSON rows agree', async () => {
    const txt = await run('netpol', fixture);
    const json = await run('netpol', fixture, '--format', 'json');
    assert.equal(txt.code, 0);
    const rows = JSON.parse(json.out) as { src: string; dst: string; conn: string }[];
    assert.equal(txt.out, rows.map((r) => `${r.src} => ${r.dst} : ${r.conn}\n`).join(''));
    assert.ok(rows.some((r) => r.src === 'shop/frontend[Deployment]' && r.dst === 'shop/cart[Deployment]'));
  });

  it('exit 2 for an unknown format', async () => {
    const r = await run('netpol', fixture, '--format', 'xml');
    assert.equal(r.code, 2);
    assert.match(r.err, /--format must be one of txt, json/);
  });
});
