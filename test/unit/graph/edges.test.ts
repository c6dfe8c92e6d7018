// Channel state of an edge from its calls, and how calls merge into edges.
import assert from 'node:assert/strict';
import type { Verdict } from '../../../src/policy/types';
import { EdgeSet, channelState } from '../../../src/graph/edges';
import type { ChannelState, EdgeCall } from '../../../src/graph/types';

const call = (allowed: boolean, mtls: boolean, extra: Partial<EdgeCall> = {}): EdgeCall => ({
  origin: 'traffic',
  verdict: (allowed ? 'allowed' : 'denied-by-authorization') as Verdict,
  allowed,
  mtls,
  explanation: [],
  ...extra,
});

describe('graph: channel state', () => {
  const table: { name: string; calls: EdgeCall[]; permissiveServer: boolean; state: ChannelState }[] = [
    { name: 'every call mTLS to a STRICT server', calls: [call(true, true), call(true, true)], permissiveServer: false, state: 'mtls' },
    { name: 'mTLS to a PERMISSIVE server', calls: [call(true, true)], permissiveServer: true, state: 'permissive' },
    { name: 'calls disagree on mTLS', calls: [call(true, true), call(true, false)], permissiveServer: false, state: 'permissive' },
    { name: 'allowed without mTLS', calls: [call(true, false)], permissiveServer: true, state: 'plaintext' },
    { name: 'nothing gets through', calls: [call(false, true), call(false, false)], permissiveServer: false, state: 'denied' },
    { name: 'denied calls do not weaken an mTLS edge', calls: [call(true, true), call(false, false)], permissiveServer: false, state: 'mtls' },
  ];
  for (const t of table) it(t.name, () => assert.equal(channelState(t.calls, t.permissiveServer), t.state));
});

describe('graph: edge set', () => {
  it('merges calls by caller, callee and port, and reports verified only when every observation agrees', () => {
    const set = new EdgeSet();
    set.add('a', 'b', 80, call(true, true, { observed: { outcome: 'ok' }, agrees: true }));
    set.add('a', 'b', 80, call(true, true));
    set.add('a', 'b', 81, call(true, true, { observed: { outcome: 'ok' }, agrees: false }));
    const [e80, e81] = set.edges(() => false);
    assert.equal(e80.id, 'a->b:80');
    assert.equal(e80.calls.length, 2);
    assert.equal(e80.verified, true);
    assert.equal(e80.disagrees, false);
    assert.equal(e81.verified, false);
    assert.equal(e81.disagrees, true);
  });

  it('keeps one manifest reference per place and lets matrix entries only fill gaps', () => {
    const set = new EdgeSet();
    const reference = { file: 'a.yaml', line: 3, detail: 'env X' };
    set.add('a', 'b', 80, call(true, true, { origin: 'manifest', reference }));
    set.add('a', 'b', 80, call(true, true, { origin: 'manifest', reference }));
    set.add('a', 'b', 80, call(true, true, { origin: 'allowed' }));
    set.add('a', 'c', 80, call(true, true, { origin: 'allowed' }));
    const [ab, ac] = set.edges(() => false);
    assert.deepEqual(ab.origins, ['manifest']);
    assert.equal(ab.calls.length, 1);
    assert.deepEqual(ac.origins, ['allowed']);
  });
});
