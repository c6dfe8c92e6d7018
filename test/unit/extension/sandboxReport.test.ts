import assert from 'node:assert/strict';
import type { CallResult, SimulationResult } from '../../../src/policy/types';
import type { SandboxObservation } from '../../../src/policy/types';
import { localTime, replaySummary, reportHtml, sandboxStatusMessage } from '../../../src/extension/sandboxReport';
import type { SandboxStatus } from '../../../simulator/engine';

const observation = (over: Partial<SandboxObservation>): SandboxObservation =>
  ({ outcome: 'ok', verdict: 'allowed', allowed: true, mtls: true, hops: [], status: 200, tlsVersion: 'TLSv1.3', ...over }) as SandboxObservation;

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
  summary: {
    total: calls.length,
    allowed: calls.filter((c) => c.allowed).length,
    denied: calls.filter((c) => !c.allowed).length,
    mtls: calls.filter((c) => c.mtls).length,
    expectationsFailed,
  },
});

describe('extension: sandbox replay/verify summary and report', () => {
  const cases: { name: string; r: SimulationResult; ok: boolean; text: RegExp }[] = [
    {
      name: 'all observed and agreeing passes',
      r: results([call({ observed: observation({}), agrees: true })]),
      ok: true,
      text: /1 call\(s\): 1 allowed, 0 denied, 1 over mTLS; 1 observed on the wire; all agree with the prediction; all expectations hold/,
    },
    {
      name: 'a disagreement fails',
      r: results([call({ observed: observation({ verdict: 'denied-by-authorization', allowed: false }), agrees: false })]),
      ok: false,
      text: /1 disagree with the prediction/,
    },
    {
      name: 'a failed expectation fails',
      r: results([call({ observed: observation({}), agrees: true, expectation: { ok: false, failures: ['expected allowed false'] } })], 1),
      ok: false,
      text: /1 expectation\(s\) failed/,
    },
    { name: 'a call the sandbox did not run fails', r: results([call({})]), ok: false, text: /0 observed on the wire/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = replaySummary(c.r);
      assert.equal(s.ok, c.ok);
      assert.match(s.text, c.text);
    });
  }

  it('the report page says PASSED or FAILED in its title and names engine and traffic file', () => {
    const pass = reportHtml('verify', 'local', 'traffic.yaml', replaySummary(cases[0].r), new Date('2026-01-01T00:00:00Z'));
    assert.match(pass, /<title>Sandbox verification: PASSED<\/title>/);
    assert.match(pass, /local engine · traffic\.yaml · 2026-01-01T00:00:00\.000Z/);
    assert.doesNotMatch(pass, /<script/);
    const fail = reportHtml('replay', 'local', 'traffic.yaml', replaySummary(cases[1].r), new Date());
    assert.match(fail, /<title>Sandbox replay: FAILED<\/title>/);
  });

  it('Sandbox: Status shows the start as a local time and how long ago, not an ISO timestamp', () => {
    const status = {
      engine: 'local',
      running: true,
      startedAt: '2026-03-04T05:06:07.000Z',
      workloads: [{}, {}],
      details: { stateDir: '/s' },
    } as unknown as SandboxStatus;
    const now = new Date('2026-03-04T05:16:07.000Z');
    const message = sandboxStatusMessage('local', status, now, 'en-US');
    assert.equal(
      message,
      `Zero Trust: local sandbox running since ${new Date(status.startedAt!).toLocaleString('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' })} (10 min ago) with 2 workload(s).`,
    );
    assert.ok(!message.includes('T05:06:07') && !message.includes('Z '), message);
    assert.match(message, /Mar 4, 2026/);
    assert.equal(localTime('2026-03-01T00:00:00Z', now, 'en-US').endsWith('(3 days ago)'), true);
    assert.equal(localTime('not a time'), 'not a time');
    assert.equal(sandboxStatusMessage('kind', { ...status, running: false }), 'Zero Trust: no kind sandbox is running.');
  });
});
