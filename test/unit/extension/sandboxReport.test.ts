import assert from 'node:assert/strict';
import type { CallResult, SimulationResult } from '../../../simulator/types';
import { replaySummary, resultsMarkdown } from '../../../src/extension/sandboxReport';

const call = (over: Partial<CallResult>): CallResult => ({
  name: 'a-to-b',
  from: 'c1/shop/a',
  to: 'c1/shop/b',
  port: 8080,
  mtls: true,
  allowed: true,
  verdict: 'allowed',
  explanation: [{ step: 'authorization', policy: 'AuthorizationPolicy shop/b', file: 'p.yaml', line: 3, detail: 'ALLOW rule 0 matched' }],
  ...over,
});

const results = (calls: CallResult[], expectationsFailed = 0): SimulationResult => ({
  calls,
  summary: { total: calls.length, allowed: calls.filter((c) => c.allowed).length, denied: calls.filter((c) => !c.allowed).length, mtls: calls.filter((c) => c.mtls).length, expectationsFailed },
});

describe('extension: sandbox replay/verify summary and report', () => {
  const cases: { name: string; r: SimulationResult; ok: boolean; text: RegExp }[] = [
    { name: 'all agree', r: results([call({ observed: { outcome: 'ok', status: 200, tlsVersion: 'TLSv1.3' }, agrees: true })]), ok: true, text: /1 call\(s\): 1 allowed, 0 denied, 1 over mTLS; 1 observed on the wire; all agree/ },
    { name: 'a disagreement fails', r: results([call({ observed: { outcome: 'refused' }, agrees: false })]), ok: false, text: /1 disagree with the prediction/ },
    { name: 'a failed expectation fails', r: results([call({ expectation: { ok: false, failures: ['allowed: expected false'] } })], 1), ok: false, text: /1 expectation\(s\) failed/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = replaySummary(c.r);
      assert.equal(s.ok, c.ok);
      assert.match(s.text, c.text);
    });
  }

  it('report rows show prediction next to observation, and explain failures only', () => {
    const md = resultsMarkdown('verify', 'local', 'traffic.yaml', results([
      call({ name: 'good', observed: { outcome: 'ok', status: 200, tlsVersion: 'TLSv1.3', serverIdentity: 'spiffe://cluster.local/ns/shop/sa/b' }, agrees: true }),
      call({ name: 'bad|pipe', allowed: false, verdict: 'denied-by-authorization', observed: { outcome: 'http-error', status: 200 }, agrees: false }),
    ]));
    assert.match(md, /^# Sandbox verification: FAILED/);
    assert.match(md, /\| good \| c1\/shop\/a \| c1\/shop\/b:8080 \| allowed \| yes \| ok 200 \| TLSv1\.3 \| spiffe:\/\/cluster\.local\/ns\/shop\/sa\/b \| yes \|/);
    assert.match(md, /\| bad\\\|pipe \|.*\| \*\*no\*\* \|/);
    assert.match(md, /### bad\\\|pipe\n\n- authorization: ALLOW rule 0 matched \(AuthorizationPolicy shop\/b, p\.yaml:3\)/);
    assert.doesNotMatch(md, /### good/);
  });
});
