// Which objects are Istio's security policies: the API group and the versions Istio 1.28's CRDs serve (v1, v1beta1).
import assert from 'node:assert/strict';
import { authorize, findWorkload } from '../../../../src/policy/index';
import { app, meshOf, namespace } from '../../../helpers/meshFixture';

const base = namespace('ns1') + app('ns1', 'b');
const denyAll = (apiVersion: string) => `apiVersion: ${apiVersion}
kind: AuthorizationPolicy
metadata: { name: deny-all, namespace: ns1 }
spec:
  action: DENY
  rules: [{}]
---
`;
const request = { principal: 'cluster.local/ns/ns1/sa/a', namespace: 'ns1', port: 8080, http: true, method: 'GET', path: '/' };

describe('authorization: policy kinds by API group and version', () => {
  const table: [string, boolean][] = [
    ['security.istio.io/v1', true],
    ['security.istio.io/v1beta1', true],
    ['security.istio.io/v1alpha1', false],
    ['policy.linkerd.io/v1alpha1', false],
    ['policy.linkerd.io/v1beta1', false],
  ];
  for (const [apiVersion, istios] of table) {
    it(`an AuthorizationPolicy of ${apiVersion} is ${istios ? '' : 'not '}evaluated as Istio's`, () => {
      const mesh = meshOf(base + denyAll(apiVersion));
      assert.equal(mesh.authorizationPolicies.length, istios ? 1 : 0);
      assert.equal(authorize(mesh, findWorkload(mesh, 'ns1/b')!, request).allowed, !istios);
    });
  }
  it('a Linkerd AuthorizationPolicy (targetRef + requiredAuthenticationRefs) is not read at all', () => {
    const linkerd = `apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
metadata: { name: b-authn, namespace: ns1 }
spec:
  targetRef: { group: policy.linkerd.io, kind: Server, name: b-http }
  requiredAuthenticationRefs: [{ name: b-clients, kind: MeshTLSAuthentication, group: policy.linkerd.io }]
---
`;
    const mesh = meshOf(base + linkerd);
    assert.equal(mesh.authorizationPolicies.length, 0);
    assert.equal(mesh.problems.length, 0);
  });
});
