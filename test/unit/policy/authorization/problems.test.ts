// AuthorizationPolicy problems at their field's line: what Istio's validation rejects (pkg/config/security/security.go
// ValidateAttribute, CheckValidPathTemplate, CheckServiceAccount; pkg/config/validation/validation.go) and what manifests cannot tell.
import assert from 'node:assert/strict';
import { meshOf, namespace } from '../../../helpers/meshFixture';

function problemsOf(rules: string): string[] {
  const text = `${namespace('shop')}apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: p, namespace: shop }
spec:
  rules:
${rules}`;
  return meshOf(text).problems.map((p) => `${p.line}: ${p.message.replace('AuthorizationPolicy shop/p: ', '')}`);
}

describe('authorization: policy problems with file:line', () => {
  const table: { doc: string; rules: string; expected: RegExp[] }[] = [
    {
      doc: 'a path template Istio rejects ({**} not last: TestCheckValidPathTemplate) is reported at the path',
      rules: '    - to:\n        - operation:\n            paths: ["/ok", "/{**}/foo/{*}"]\n',
      expected: [/^15: rule 0: invalid path template \/\{\*\*\}\/foo\/\{\*\}: \{\*\*\} is not the last operator: Istio rejects the policy$/],
    },
    {
      doc: 'a named variable in notPaths',
      rules: '    - to:\n        - operation:\n            notPaths: ["/foo/{id}"]\n',
      expected: [/^15: rule 0: invalid path .*beyond a supported path template/],
    },
    {
      doc: 'destination.ip: pod IPs are not in manifests (reported, assumed not to match)',
      rules: '    - when:\n        - key: destination.ip\n          values: ["10.0.0.1"]\n',
      expected: [/^14: rule 0: condition destination\.ip: pod IPs are not in manifests/],
    },
    {
      doc: 'experimental.envoy.filters.* metadata is not in manifests',
      rules: '    - when:\n        - key: experimental.envoy.filters.network.mysql_proxy[db.table]\n          values: ["[update]"]\n',
      expected: [/^14: rule 0: condition experimental\.envoy\.filters\.network\.mysql_proxy\[db\.table\]: Envoy filter metadata .* assumes it does not match$/],
    },
    {
      doc: 'an unknown key is rejected (ValidateAttribute "unknown attribute")',
      rules: '    - when:\n        - key: request.colour\n          values: [red]\n',
      expected: [/^14: rule 0: condition unknown attribute: request\.colour/],
    },
    {
      doc: 'destination.namespace gets its own error',
      rules: '    - when:\n        - key: destination.namespace\n          values: [shop]\n',
      expected: [/^14: rule 0: condition attribute destination\.namespace is replaced by the metadata\.namespace/],
    },
    {
      doc: 'destination.labels[...]',
      rules: '    - when:\n        - key: destination.labels[app]\n          values: [x]\n',
      expected: [/replaced by the workload selector/],
    },
    {
      doc: 'a header key without [name]',
      rules: '    - when:\n        - key: request.headers\n          values: [x]\n',
      expected: [/bad key \(request\.headers\): should have format a\[b\]/],
    },
    {
      doc: 'ipBlocks need pod IPs',
      rules: '    - from:\n        - source:\n            ipBlocks: ["10.0.0.0/8"]\n',
      expected: [/^15: rule 0: ipBlocks: pod IPs are not in manifests/],
    },
    {
      doc: 'ipBlocks 0.0.0.0/0 covers every pod: nothing to report',
      rules: '    - from:\n        - source:\n            ipBlocks: ["0.0.0.0/0"]\n',
      expected: [],
    },
    {
      doc: 'a bad CIDR is rejected (ValidateIPs)',
      rules: '    - from:\n        - source:\n            notRemoteIpBlocks: ["10.0.0.0/33"]\n',
      expected: [/^15: rule 0: notRemoteIpBlocks \[10\.0\.0\.0\/33\] is not an IP or CIDR/],
    },
    {
      doc: 'serviceAccounts with principals in one source is rejected',
      rules: '    - from:\n        - source:\n            principals: ["cluster.local/ns/a/sa/b"]\n            serviceAccounts: ["a/b"]\n',
      expected: [/^16: rule 0: serviceAccounts cannot be combined with principals or namespaces/],
    },
    {
      doc: 'supported keys that manifests can evaluate are not reported',
      rules:
        '    - when:\n        - key: request.auth.claims[groups][admin]\n          values: [x]\n        - key: source.serviceAccount\n          values: [shop/a]\n',
      expected: [],
    },
  ];
  // pkg/config/validation/validation.go ValidateAuthorizationPolicy (authz-fields research §0, §5).
  table.push(
    { doc: 'an empty from list', rules: '    - from: []\n', expected: [/^13: rule 0: `from` must not be empty/] },
    { doc: 'an empty source', rules: '    - from:\n        - source: {}\n', expected: [/^14: rule 0: `from.source` must not be empty/] },
    { doc: 'an empty to list', rules: '    - to: []\n', expected: [/^13: rule 0: `to` must not be empty/] },
    { doc: 'an empty operation', rules: '    - to:\n        - operation: {}\n', expected: [/^14: rule 0: `to.operation` must not be empty/] },
    {
      doc: 'an empty string value',
      rules: '    - to:\n        - operation:\n            methods: ["GET", ""]\n',
      expected: [/^15: rule 0: empty value not allowed in methods/],
    },
    {
      doc: 'a condition with neither values nor notValues',
      rules: '    - when:\n        - key: source.namespace\n',
      expected: [/^14: rule 0: condition source\.namespace: neither values nor notValues/],
    },
  );
  for (const t of table) {
    it(t.doc, () => {
      const got = problemsOf(t.rules);
      assert.equal(got.length, t.expected.length, got.join('\n'));
      t.expected.forEach((re, i) => assert.match(got[i], re));
    });
  }
});

describe('authorization: action-level problems (validation.go ValidateAuthorizationPolicy)', () => {
  const of = (spec: string) =>
    meshOf(
      `${namespace('shop')}apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: { name: p, namespace: shop }\nspec:\n${spec}`,
    ).problems.map((p) => `${p.line}: ${p.message.replace('AuthorizationPolicy shop/p: ', '')}`);
  it('DENY without rules', () => assert.match(of('  action: DENY\n').join('\n'), /^12: DENY action without `rules` is meaningless/));
  it('CUSTOM without rules', () => assert.match(of('  action: CUSTOM\n  provider: { name: ext }\n').join('\n'), /^12: CUSTOM action without `rules`/));
  it('ALLOW without rules is allow-nothing, not a problem', () => assert.deepEqual(of('  action: ALLOW\n'), []));
  it('provider without CUSTOM', () =>
    assert.match(of('  action: ALLOW\n  provider: { name: ext }\n  rules: [{}]\n').join('\n'), /^13: provider can only be used with the CUSTOM action/));
  it('CUSTOM with principals or request.auth conditions', () => {
    const got = of(
      '  action: CUSTOM\n  provider: { name: ext }\n  rules:\n    - from:\n        - source:\n            principals: ["a/ns/b/sa/c"]\n      when:\n        - key: request.auth.claims[g]\n          values: [x]\n',
    );
    assert.equal(got.length, 2, got.join('\n'));
    assert.match(got[0], /^17: rule 0: principals is not supported with the CUSTOM action/);
    assert.match(got[1], /^19: rule 0: condition request\.auth\.claims\[g\] is not supported with the CUSTOM action/);
  });
});
