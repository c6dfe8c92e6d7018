import assert from 'node:assert/strict';
import { defaultConfig } from '../../../src/config/load';
import { WorkspaceIndex } from '../../../src/model/workspace';
import {
  namespaceLabels,
  namespacesMatching,
  networkPolicyPeerWorkloads,
  parseLabelSelector,
  selectorMatches,
  workloadsMatching,
  workloadsMatchingLabels,
} from '../../../src/model/selectors';

describe('label selectors', () => {
  const table: { selector: unknown; labels: Record<string, string>; matches: boolean }[] = [
    { selector: {}, labels: {}, matches: true },
    { selector: { matchLabels: { app: 'cart' } }, labels: { app: 'cart', v: '1' }, matches: true },
    { selector: { matchLabels: { app: 'cart' } }, labels: { app: 'web' }, matches: false },
    { selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] }, labels: { tier: 'b' }, matches: true },
    { selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }] }, labels: {}, matches: false },
    { selector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['a'] }] }, labels: {}, matches: true },
    { selector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['a'] }] }, labels: { tier: 'a' }, matches: false },
    { selector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, labels: { tier: '' }, matches: true },
    { selector: { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, labels: { tier: 'x' }, matches: false },
    { selector: { matchExpressions: [{ key: 'tier', operator: 'Equals', values: ['x'] }] }, labels: { tier: 'x' }, matches: false },
    { selector: { matchLabels: { app: 'a' }, matchExpressions: [{ key: 'v', operator: 'Exists' }] }, labels: { app: 'a' }, matches: false },
  ];
  table.forEach((t, i) => {
    it(`case ${i}: ${JSON.stringify(t.selector)} vs ${JSON.stringify(t.labels)} -> ${t.matches}`, () => {
      const sel = parseLabelSelector(t.selector);
      assert.ok(sel);
      assert.equal(selectorMatches(sel, t.labels), t.matches);
    });
  });

  it('treats a null selector as not set', () => {
    assert.equal(parseLabelSelector(null), undefined);
    assert.equal(parseLabelSelector(undefined), undefined);
  });
});

describe('selector lookups over a workspace', () => {
  const index = new WorkspaceIndex(defaultConfig('/virtual'));
  index.setFile(
    '/virtual/a.yaml',
    `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: retail}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  template:
    metadata: {labels: {app: cart, tier: backend}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web}}
---
apiVersion: v1
kind: Pod
metadata: {name: tool, namespace: ops, labels: {app: tool}}
spec: {}
`,
  );

  it('matches workloads by pod template labels inside one namespace', () => {
    const names = (sel: unknown, ns = 'shop') => workloadsMatching(index, ns, parseLabelSelector(sel)).map((p) => p.resource.name);
    assert.deepEqual(names({ matchLabels: { app: 'cart' } }), ['cart']);
    assert.deepEqual(names({}), ['cart', 'web']);
    assert.deepEqual(names(undefined), ['cart', 'web']);
    assert.deepEqual(names({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }), ['web']);
    assert.deepEqual(names({ matchLabels: { app: 'cart' } }, 'ops'), []);
    assert.deepEqual(
      workloadsMatchingLabels(index, 'ops', { app: 'tool' }).map((p) => p.resource.name),
      ['tool'],
    );
  });

  it('gives namespaces their metadata.name label, declared or not', () => {
    assert.deepEqual(namespaceLabels(index, 'shop'), { 'kubernetes.io/metadata.name': 'shop', team: 'retail' });
    assert.deepEqual(namespaceLabels(index, 'ops'), { 'kubernetes.io/metadata.name': 'ops' });
    const byName = parseLabelSelector({ matchLabels: { 'kubernetes.io/metadata.name': 'ops' } })!;
    assert.deepEqual(
      namespacesMatching(index, byName).map((n) => n.name),
      ['ops'],
    );
    assert.equal(namespacesMatching(index, parseLabelSelector({})!).length, 2);
  });

  it('resolves NetworkPolicy peers relative to the policy namespace', () => {
    const peer = (p: Record<string, unknown>) => networkPolicyPeerWorkloads(index, 'shop', p).map((w) => `${w.namespace}/${w.resource.name}`);
    assert.deepEqual(peer({ podSelector: { matchLabels: { app: 'web' } } }), ['shop/web']);
    assert.deepEqual(peer({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ops' } } }), ['ops/tool']);
    assert.deepEqual(peer({ namespaceSelector: {}, podSelector: { matchLabels: { app: 'tool' } } }), ['ops/tool']);
    assert.deepEqual(peer({}), []);
  });

  it('rebuilds the lookup when a file changes', () => {
    const idx = new WorkspaceIndex(defaultConfig('/virtual'));
    idx.setFile('/virtual/x.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: n, labels: {app: a}}\n');
    assert.equal(workloadsMatching(idx, 'n', undefined).length, 1);
    idx.setFile('/virtual/y.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: b, namespace: n, labels: {app: b}}\n');
    assert.equal(workloadsMatching(idx, 'n', undefined).length, 2);
  });
});
