// diffMesh alone: calls matched by key, the deciding step of each side, findings matched by rule, object and message.
import assert from 'node:assert/strict';
import { decidedBy, diffMesh, type DiffCall, type DiffFinding } from '../../../src/policy/diff';
import type { Mesh } from '../../../src/policy/types';

const EMPTY = {
  root: '/',
  clusters: [],
  namespaces: [],
  workloads: [],
  services: [],
  serviceEntries: [],
  peerAuthentications: [],
  destinationRules: [],
  authorizationPolicies: [],
  networkPolicies: [],
  virtualServices: [],
  sidecars: [],
  requestAuthentications: [],
  problems: [],
} as Mesh;

function call(key: string, verdict: DiffCall['verdict'], mtls = true, extra: Partial<DiffCall> = {}): DiffCall {
  const [from, rest] = key.split('->');
  return {
    key,
    from,
    to: rest.split(':')[0],
    port: 80,
    fromNamespace: from.split('/')[1],
    toNamespace: rest.split('/')[1],
    verdict,
    mtls,
    explanation: [],
    ...extra,
  };
}

function finding(ruleId: string, line: number, message = 'm', object = 'Deployment a/b'): DiffFinding {
  return { ruleId, severity: 'warning', message, object, file: 'x.yaml', line };
}

describe('diffMesh', () => {
  it('opened, closed, mTLS downgraded, and edges added or removed by key', () => {
    const base = [
      call('c/a/x->c/b/y:80', 'denied-by-authorization'),
      call('c/a/x->c/a/z:80', 'allowed'),
      call('c/a/x->c/a/w:80', 'allowed', true),
      call('c/a/x->c/a/gone:80', 'allowed'),
    ];
    const head = [
      call('c/a/x->c/b/y:80', 'allowed', false),
      call('c/a/x->c/a/z:80', 'denied-by-network-policy', true, { expectsAllowed: true }),
      call('c/a/x->c/a/w:80', 'allowed', false),
      call('c/a/x->c/a/new:80', 'allowed'),
    ];
    const d = diffMesh({ mesh: EMPTY, calls: base, findings: [] }, { mesh: EMPTY, calls: head, findings: [] });
    assert.deepEqual(
      d.verdictChanges.map((v) => [v.key, v.change, v.crossNamespace]),
      [
        ['c/a/x->c/a/z:80', 'closed', false],
        ['c/a/x->c/b/y:80', 'opened', true],
      ],
    );
    assert.deepEqual(
      d.mtlsChanges.map((m) => [m.key, m.change]),
      [
        ['c/a/x->c/a/w:80', 'downgraded'],
        ['c/a/x->c/b/y:80', 'downgraded'],
      ].sort(),
    );
    assert.deepEqual(
      d.edgesAdded.map((e) => e.key),
      ['c/a/x->c/a/new:80'],
    );
    assert.deepEqual(
      d.edgesRemoved.map((e) => e.key),
      ['c/a/x->c/a/gone:80'],
    );
    assert.equal(d.summary.plaintextOpened, 1);
    assert.equal(d.summary.expectedDenied, 1);
  });

  it('--edges allowed: a pair becomes an edge when it becomes allowed', () => {
    const d = diffMesh(
      { mesh: EMPTY, calls: [call('c/a/x->c/b/y:80', 'denied-by-authorization')], findings: [] },
      { mesh: EMPTY, calls: [call('c/a/x->c/b/y:80', 'allowed')], findings: [] },
      'allowed',
    );
    assert.deepEqual(
      d.edgesAdded.map((e) => e.key),
      ['c/a/x->c/b/y:80'],
    );
  });

  it('findings: by rule, object and message, not by line; duplicates counted', () => {
    const d = diffMesh(
      { mesh: EMPTY, calls: [], findings: [finding('ZT0101', 3), finding('ZT0102', 9), finding('ZT0102', 12)] },
      { mesh: EMPTY, calls: [], findings: [finding('ZT0101', 30), finding('ZT0102', 10), finding('ZT0103', 1)] },
    );
    assert.deepEqual(
      d.findingsAdded.map((f) => f.ruleId),
      ['ZT0103'],
    );
    assert.deepEqual(
      d.findingsFixed.map((f) => [f.ruleId, f.line]),
      [['ZT0102', 12]],
    );
  });

  it('decidedBy: the denying step naming a policy, else the step of that kind', () => {
    const explanation = [
      { step: 'authorization' as const, policy: 'AuthorizationPolicy a/p', file: 'p.yaml', line: 4, detail: 'ALLOW did not match' },
      { step: 'authorization' as const, detail: 'none matched: denied' },
    ];
    assert.deepEqual(decidedBy({ verdict: 'denied-by-authorization', explanation }), {
      policy: 'AuthorizationPolicy a/p',
      file: 'p.yaml',
      line: 4,
      detail: 'ALLOW did not match',
    });
    assert.deepEqual(decidedBy({ verdict: 'allowed', explanation: [{ step: 'authorization', detail: 'no ALLOW policy' }] }), { detail: 'no ALLOW policy' });
  });
});
