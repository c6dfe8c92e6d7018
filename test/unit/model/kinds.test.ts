// Kinds are matched with their API group: Istio's AuthorizationPolicy is not Linkerd's, an Istio Gateway not a Gateway API one.
import assert from 'node:assert/strict';
import { defaultConfig } from '../../../src/config/load';
import { GATEWAY_API, groupsOfKind, isKind, isKindKey, ISTIO_NETWORKING, ISTIO_SECURITY, kindKey, ofKinds, resourceKindKey } from '../../../src/model/kinds';
import { WorkspaceIndex } from '../../../src/model/workspace';
import { isWorkload } from '../../../src/model/workloads';
import { lint } from '../../../src/rules/engine';
import { ALL_RULES } from '../../../src/rules/registry';
import type { Rule } from '../../../src/rules/types';

const obj = (apiVersion: string, kind: string) => ({ apiVersion, kind });
const istioPolicy = obj('security.istio.io/v1', 'AuthorizationPolicy');
const linkerdPolicy = obj('policy.linkerd.io/v1alpha1', 'AuthorizationPolicy');
const istioGateway = obj('networking.istio.io/v1', 'Gateway');
const gatewayApiGateway = obj('gateway.networking.k8s.io/v1', 'Gateway');

describe('kinds by API group (src/model/kinds.ts)', () => {
  it('isKind compares the group, any version', () => {
    assert.equal(isKind(istioPolicy, ISTIO_SECURITY, 'AuthorizationPolicy'), true);
    assert.equal(isKind(obj('security.istio.io/v1beta1', 'AuthorizationPolicy'), ISTIO_SECURITY, 'AuthorizationPolicy'), true);
    assert.equal(isKind(linkerdPolicy, ISTIO_SECURITY, 'AuthorizationPolicy'), false);
    assert.equal(isKind(gatewayApiGateway, ISTIO_NETWORKING, 'Gateway'), false);
    assert.equal(isKind(obj('v1', 'Service'), '', 'Service'), true);
    assert.equal(isKind(obj('serving.knative.dev/v1', 'Service'), '', 'Service'), false);
  });

  it('writes kind keys as kubectl writes resources', () => {
    assert.equal(kindKey(GATEWAY_API, 'Gateway'), 'Gateway.gateway.networking.k8s.io');
    assert.equal(resourceKindKey(istioGateway), 'Gateway.networking.istio.io');
    assert.equal(resourceKindKey(obj('v1', 'Service')), 'Service');
  });

  it('a key with a group names that group only', () => {
    assert.equal(isKindKey(istioGateway, 'Gateway.networking.istio.io'), true);
    assert.equal(isKindKey(gatewayApiGateway, 'Gateway.networking.istio.io'), false);
    assert.equal(isKindKey(gatewayApiGateway, 'Gateway.gateway.networking.k8s.io'), true);
  });

  it('a bare kind means the groups the tool knows it from', () => {
    assert.deepEqual(groupsOfKind('AuthorizationPolicy'), [ISTIO_SECURITY]);
    assert.deepEqual([...groupsOfKind('Gateway')].sort(), [GATEWAY_API, ISTIO_NETWORKING].sort());
    assert.deepEqual(groupsOfKind('Deployment'), ['apps']);
    assert.deepEqual(groupsOfKind('Certificate'), ['cert-manager.io']);
    assert.equal(isKindKey(istioPolicy, 'AuthorizationPolicy'), true);
    assert.equal(isKindKey(linkerdPolicy, 'AuthorizationPolicy'), false);
    assert.equal(isKindKey(obj('certmanager.k8s.io/v1alpha1', 'Certificate'), 'Certificate'), false);
    assert.equal(isKindKey(obj('serving.knative.dev/v1', 'Service'), 'Service'), false);
  });

  it("workloads are the Kubernetes API's: apps/v1 Deployment, not a removed extensions/v1beta1 one nor another group's", () => {
    assert.equal(isWorkload(obj('apps/v1', 'Deployment')), true);
    assert.equal(isWorkload(obj('batch/v1', 'CronJob')), true);
    assert.equal(isWorkload(obj('v1', 'Pod')), true);
    assert.equal(isWorkload(obj('extensions/v1beta1', 'Deployment')), false);
    assert.equal(isWorkload(obj('example.com/v1', 'Pod')), false);
    assert.equal(isWorkload(obj('v1', 'constructor')), false);
  });

  it('ofKinds looks objects up by kind and group', () => {
    const index = new WorkspaceIndex(defaultConfig('/virtual'));
    index.setFile(
      '/virtual/policies.yaml',
      [istioPolicy, linkerdPolicy, istioGateway, gatewayApiGateway]
        .map((o, i) => `apiVersion: ${o.apiVersion}\nkind: ${o.kind}\nmetadata: {name: p${i}}\n`)
        .join('---\n'),
    );
    assert.deepEqual(
      ofKinds(index, 'AuthorizationPolicy').map((r) => r.apiVersion),
      ['security.istio.io/v1'],
    );
    assert.deepEqual(
      ofKinds(index, 'Gateway.gateway.networking.k8s.io', 'AuthorizationPolicy').map((r) => r.name),
      ['p3', 'p0'],
    );
  });

  it('every kind a rule names is a kind of some known API group', () => {
    const unknown: string[] = [];
    for (const rule of ALL_RULES) {
      for (const key of [...(rule.meta.kinds ?? []), ...(rule.meta.reportsOn ?? [])]) {
        if (!key.includes('.') && groupsOfKind(key).length === 0) unknown.push(`${rule.meta.id}: ${key}`);
      }
    }
    assert.deepEqual(unknown, [], 'a kind no group serves: the rule would never see an object');
  });

  it('the lint engine hands a rule only the kinds of its groups', () => {
    const seen: string[] = [];
    const probe: Rule = {
      meta: {
        id: 'ZT9901',
        pillar: 4,
        severity: 'info',
        title: 'probe',
        description: 'probe',
        fixable: false,
        kinds: ['AuthorizationPolicy', 'Gateway.networking.istio.io'],
      },
      checkResource: (r) => void seen.push(`${r.apiVersion} ${r.kind}`),
    };
    const index = new WorkspaceIndex(defaultConfig('/virtual'));
    index.setFile(
      '/virtual/policies.yaml',
      [istioPolicy, linkerdPolicy, istioGateway, gatewayApiGateway]
        .map((o, i) => `apiVersion: ${o.apiVersion}\nkind: ${o.kind}\nmetadata: {name: p${i}, namespace: shop}\n`)
        .join('---\n'),
    );
    lint(index, { rules: [probe] });
    assert.deepEqual(seen.sort(), ['networking.istio.io/v1 Gateway', 'security.istio.io/v1 AuthorizationPolicy']);
    seen.length = 0;
    lint(index, { rules: [probe], files: new Set(['/virtual/policies.yaml']) });
    assert.deepEqual(seen.sort(), ['networking.istio.io/v1 Gateway', 'security.istio.io/v1 AuthorizationPolicy']);
  });
});
