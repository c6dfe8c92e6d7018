// Verification of sandbox results and its reports: text, JUnit XML and the standalone HTML page.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { XMLValidator } from 'fast-xml-parser';
import type { CallResult } from '../../../../src/policy/types';
import type { SandboxObservation } from '../../../../src/policy/types';
import { replayToText } from '../../../../src/report/replayText';
import { verifyToHtml } from '../../../../src/report/verifyHtml';
import { verifyToJunit } from '../../../../src/report/verifyJunit';
import { verifyResults } from '../../../../src/report/verifyModel';
import { verifyToText } from '../../../../src/report/verifyText';
import { mergeObservation, summarizeObserved } from '../../../../simulator/local/engine';

function observed(partial: Partial<SandboxObservation>): SandboxObservation {
  return { outcome: 'ok', verdict: 'allowed', mtls: true, allowed: true, hops: ['inbound east/shop/cart:8080 forwarded (mTLS)'], latencyMs: 3.2, ...partial };
}

const predicted = (name: string, verdict: CallResult['verdict'], mtls = true): CallResult => ({
  name,
  from: 'east/shop/frontend',
  to: 'east/shop/cart',
  port: 8080,
  mtls,
  allowed: verdict === 'allowed',
  verdict,
  explanation: [{ step: 'authorization', policy: 'AuthorizationPolicy shop/cart-allow', file: 'shop/policies.yaml', line: 12, detail: 'ALLOW rule 0 matched' }],
  expectation: { ok: true },
});

describe('sandbox verification reports', () => {
  const calls = [
    mergeObservation(
      predicted('agrees', 'allowed'),
      { from: 'a', to: 'b', expect: { allowed: true } },
      observed({ status: 200, xfcc: 'By=spiffe://a;URI=spiffe://b' }),
    ),
    mergeObservation(predicted('disagrees <&>', 'denied-by-authorization'), { from: 'a', to: 'b' }, observed({ status: 200 })),
    mergeObservation(
      predicted('expectation', 'denied-by-network-policy'),
      { from: 'a', to: 'b', expect: { verdict: 'allowed' } },
      observed({ outcome: 'reset', verdict: 'denied-by-network-policy', allowed: false, fault: 'listener-died', error: 'ECONNREFUSED' }),
    ),
  ];
  const result = summarizeObserved(calls);
  const v = verifyResults(result);

  it('checks each call against the prediction and against expect, on what was observed', () => {
    assert.deepEqual(
      calls.map((c) => c.agrees),
      [true, false, true],
    );
    assert.deepEqual(
      calls.map((c) => c.expectation?.ok),
      [true, undefined, false],
    );
    assert.deepEqual(calls[2].expectation?.failures, ['expected verdict allowed, observed denied-by-network-policy']);
    assert.deepEqual(v.summary, { total: 3, passed: 1, disagreements: 1, expectationsFailed: 1, notObserved: 0, faults: { 'listener-died': 1 } });
    assert.equal(v.ok, false);
    assert.deepEqual(result.summary, { total: 3, allowed: 2, denied: 1, mtls: 3, expectationsFailed: 1 });
  });

  it('prints every mismatch with the engine explanation and the hops', () => {
    const text = verifyToText(v);
    assert.match(text, /FAIL disagrees <&>  east\/shop\/frontend -> east\/shop\/cart:8080\n/);
    assert.match(text, /observed allowed \(mTLS\) but the engine predicted denied-by-authorization \(mTLS\)/);
    assert.match(text, /authorization: AuthorizationPolicy shop\/cart-allow: ALLOW rule 0 matched \(shop\/policies\.yaml:12\)/);
    assert.match(text, /3 call\(s\): 1 passed, 1 disagree with the engine, 1 expectation\(s\) failed; faults: 1 listener-died\nverification FAILED\n$/);
    assert.match(replayToText(result), /app saw X-Forwarded-Client-Cert: By=spiffe:\/\/a;URI=spiffe:\/\/b/);
  });

  it('writes well-formed JUnit XML with one failing test case per mismatch', () => {
    const xml = verifyToJunit(v, 'traffic.yaml');
    assert.equal(XMLValidator.validate(xml), true);
    assert.match(xml, /<testsuite name="traffic.yaml" tests="3" failures="2"/);
    assert.match(xml, /<testcase classname="traffic.yaml" name="disagrees &lt;&amp;&gt;"/);
    assert.equal((xml.match(/<failure /g) ?? []).length, 2);
  });

  it('writes a standalone page with a CSP that pins its only stylesheet and runs no script', () => {
    const html = verifyToHtml(v, { title: 'Sandbox <run>', subtitle: 'traffic.yaml' });
    const csp = /content="default-src 'none'; style-src 'sha256-([A-Za-z0-9+/=]+)'"/.exec(html);
    assert.ok(csp, 'CSP meta present');
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
    assert.equal(createHash('sha256').update(style).digest('base64'), csp[1]);
    assert.doesNotMatch(html, /<script|\son[a-z]+=/i);
    assert.match(html, /<title>Sandbox &lt;run&gt;<\/title>/);
    assert.match(html, /disagrees &lt;&amp;&gt;/);
  });

  it('a call the local sandbox cannot make (UDP, SCTP) has no observation and no agreement: verify lists it as not observed', () => {
    const error = 'UDP calls are not runnable in the local sandbox (it carries TCP only): not observed';
    const merged = mergeObservation(
      predicted('dns', 'allowed', false),
      { from: 'a', to: 'b', protocol: 'udp' },
      observed({ outcome: 'not-run', verdict: 'no-route', allowed: false, mtls: false, error, hops: [] }),
    );
    assert.equal(merged.observed, undefined);
    assert.equal(merged.agrees, undefined);
    assert.equal(merged.explanation[merged.explanation.length - 1].detail, error);
    assert.deepEqual(verifyResults(summarizeObserved([merged])).rows[0].problems, ['not observed: the sandbox did not run this call']);
  });
});
