// AuthorizationPolicy evaluation per workload (Istio "Authorization Policy" reference and concept page, authz model builder).
import assert from 'node:assert/strict';
import { authorize, findWorkload } from '../../../../src/policy/index';
import type { RequestAttributes } from '../../../../src/policy/types';
import { app, meshOf, namespace } from '../../../helpers/meshFixture';

function ap(ns: string, name: string, spec: string, annotations?: string): string {
  return `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ${name}
  namespace: ${ns}
${annotations ? `  annotations:\n    ${annotations}\n` : ''}spec:
${spec}
---
`;
}

const base = namespace('foo') + namespace('bar') + app('foo', 'httpbin') + app('bar', 'other');
const fromFrontend: RequestAttributes = {
  principal: 'cluster.local/ns/shop/sa/frontend',
  namespace: 'shop',
  port: 8080,
  host: 'httpbin.foo:8080',
  method: 'GET',
  path: '/info',
  headers: {},
  http: true,
};
const plaintext: RequestAttributes = { ...fromFrontend, principal: undefined, namespace: undefined };
const tcp: RequestAttributes = { principal: fromFrontend.principal, namespace: 'shop', port: 8080, http: false };

interface Case {
  doc: string;
  policies: string;
  request?: RequestAttributes;
  workload?: string;
  allowed: boolean;
  decidedBy?: string;
}

const allowFrontend = '  action: ALLOW\n  rules:\n    - from:\n        - source: { principals: ["cluster.local/ns/shop/sa/frontend"] }';

const cases: Case[] = [
  { doc: '"If there are no ALLOW policies for the workload, allow the request"', policies: '', allowed: true },
  { doc: '"spec: {}" is an ALLOW policy that matches nothing: deny all', policies: ap('foo', 'allow-nothing', '  {}'), allowed: false },
  {
    doc: '"rules: [{}]" matches everything: allow all',
    policies: ap('foo', 'allow-all', '  rules:\n    - {}'),
    allowed: true,
    decidedBy: 'AuthorizationPolicy foo/allow-all',
  },
  { doc: 'an ALLOW rule matching the principal allows', policies: ap('foo', 'allow', allowFrontend), allowed: true },
  {
    doc: 'an ALLOW policy that does not match denies',
    policies: ap('foo', 'allow', allowFrontend),
    request: { ...fromFrontend, principal: 'cluster.local/ns/shop/sa/x' },
    allowed: false,
  },
  {
    doc: '"If there are any DENY policies that match the request, deny the request" (DENY before ALLOW)',
    policies: ap('foo', 'allow', allowFrontend) + ap('foo', 'deny-get', '  action: DENY\n  rules:\n    - to:\n        - operation: { methods: ["GET"] }'),
    allowed: false,
    decidedBy: 'AuthorizationPolicy foo/deny-get',
  },
  { doc: 'a DENY policy without rules matches nothing', policies: ap('foo', 'deny-none', '  action: DENY'), allowed: true },
  { doc: 'AUDIT never changes the decision', policies: ap('foo', 'audit', '  action: AUDIT\n  rules:\n    - {}'), allowed: true },
  {
    doc: 'CUSTOM matches are delegated to the external authorizer (not simulated; assumed to allow)',
    policies: ap('foo', 'ext', '  action: CUSTOM\n  provider: { name: opa }\n  rules:\n    - {}'),
    allowed: true,
    decidedBy: 'AuthorizationPolicy foo/ext',
  },
  {
    doc: 'a root-namespace policy without selector applies to every workload of the mesh',
    policies: ap('istio-system', 'global-deny', '  {}'),
    allowed: false,
  },
  {
    doc: 'a root-namespace policy with a selector applies to matching workloads in every namespace',
    policies: ap('istio-system', 'httpbin-only', '  selector: { matchLabels: { app: httpbin } }\n  action: DENY\n  rules:\n    - {}'),
    allowed: false,
  },
  {
    doc: '... and not to workloads its selector does not pick',
    policies: ap('istio-system', 'httpbin-only', '  selector: { matchLabels: { app: httpbin } }\n  action: DENY\n  rules:\n    - {}'),
    workload: 'bar/other',
    allowed: true,
  },
  { doc: 'a policy of another namespace does not apply', policies: ap('bar', 'deny-all', '  action: DENY\n  rules:\n    - {}'), allowed: true },
  {
    doc: 'fields inside one source are ANDed: principal matches but namespace does not',
    policies: ap('foo', 'and', '  rules:\n    - from:\n        - source: { principals: ["cluster.local/ns/shop/sa/frontend"], namespaces: ["prod"] }'),
    allowed: false,
  },
  {
    doc: 'several sources are ORed',
    policies: ap('foo', 'or', '  rules:\n    - from:\n        - source: { namespaces: ["prod"] }\n        - source: { namespaces: ["shop"] }'),
    allowed: true,
  },
  {
    doc: 'from, to and when must all match: the when condition fails',
    policies: ap(
      'foo',
      'all',
      `${allowFrontend}\n      to:\n        - operation: { methods: ["GET"] }\n      when:\n        - key: request.headers[x-user]\n          values: ["alice"]`,
    ),
    allowed: false,
  },
  {
    doc: '... and the same rule allows when the header is present',
    policies: ap(
      'foo',
      'all',
      `${allowFrontend}\n      to:\n        - operation: { methods: ["GET"] }\n      when:\n        - key: request.headers[x-user]\n          values: ["alice"]`,
    ),
    request: { ...fromFrontend, headers: { 'x-user': 'alice' } },
    allowed: true,
  },
  {
    doc: 'notValues excludes',
    policies: ap('foo', 'nv', '  rules:\n    - when:\n        - key: request.headers[x-user]\n          notValues: ["mallory"]'),
    request: { ...fromFrontend, headers: { 'x-user': 'mallory' } },
    allowed: false,
  },
  {
    doc: 'notPaths excludes a path from an otherwise matching operation',
    policies: ap('foo', 'np', '  rules:\n    - to:\n        - operation: { paths: ["/*"], notPaths: ["/admin/*"] }'),
    request: { ...fromFrontend, path: '/admin/users' },
    allowed: false,
  },
  {
    doc: 'a plaintext caller has no identity and matches notPrincipals ["*"] (the "deny plaintext" pattern)',
    policies: ap('foo', 'require-mtls', '  action: DENY\n  rules:\n    - from:\n        - source: { notPrincipals: ["*"] }'),
    request: plaintext,
    allowed: false,
  },
  {
    doc: '... while an mTLS caller does not',
    policies: ap('foo', 'require-mtls', '  action: DENY\n  rules:\n    - from:\n        - source: { notPrincipals: ["*"] }'),
    allowed: true,
  },
  {
    doc: 'namespaces need mTLS: a plaintext caller never matches "namespaces"',
    policies: ap('foo', 'ns', '  rules:\n    - from:\n        - source: { namespaces: ["*"] }'),
    request: plaintext,
    allowed: false,
  },
  {
    doc: 'TCP: an ALLOW rule that uses HTTP-only fields matches nothing (Istio drops the rule)',
    policies: ap('foo', 'http-allow', `${allowFrontend}\n      to:\n        - operation: { methods: ["GET"] }`),
    request: tcp,
    allowed: false,
  },
  {
    doc: 'TCP: an ALLOW rule with only L4 fields still matches',
    policies: ap('foo', 'tcp-allow', `${allowFrontend}\n      to:\n        - operation: { ports: ["8080"] }`),
    request: tcp,
    allowed: true,
  },
  {
    doc: 'TCP: a DENY rule ignores its HTTP-only fields and becomes broader',
    policies: ap('foo', 'deny-post', '  action: DENY\n  rules:\n    - to:\n        - operation: { methods: ["POST"] }'),
    request: tcp,
    allowed: false,
  },
  {
    doc: 'HTTP: the same DENY rule only denies POST',
    policies: ap('foo', 'deny-post', '  action: DENY\n  rules:\n    - to:\n        - operation: { methods: ["POST"] }'),
    allowed: true,
  },
  {
    doc: 'istio.io/dry-run policies are not enforced',
    policies: ap('foo', 'dry', '  action: DENY\n  rules:\n    - {}', 'istio.io/dry-run: "true"'),
    allowed: true,
  },
  {
    doc: 'targetRefs policies attach to gateways/waypoints, not to sidecar workloads',
    policies: ap(
      'foo',
      'gw',
      '  targetRefs:\n    - kind: Gateway\n      group: gateway.networking.k8s.io\n      name: public\n  action: DENY\n  rules:\n    - {}',
    ),
    allowed: true,
  },
  {
    doc: 'ports in operations are the workload port',
    policies: ap('foo', 'port', '  rules:\n    - to:\n        - operation: { ports: ["9090"] }'),
    allowed: false,
  },
];

describe('simulator: AuthorizationPolicy evaluation', () => {
  for (const c of cases) {
    it(c.doc, () => {
      const mesh = meshOf(base + c.policies);
      const r = authorize(mesh, findWorkload(mesh, c.workload ?? 'foo/httpbin')!, c.request ?? fromFrontend);
      const why = r.steps.map((s) => `${s.policy ?? ''} ${s.detail}`).join(' | ');
      assert.equal(r.allowed, c.allowed, why);
      if (c.decidedBy)
        assert.ok(
          r.steps.some((s) => s.policy === c.decidedBy),
          why,
        );
    });
  }

  it('the explanation names the matcher that said no', () => {
    const mesh = meshOf(base + ap('foo', 'allow', `${allowFrontend}\n      to:\n        - operation: { methods: ["GET"] }`));
    const r = authorize(mesh, findWorkload(mesh, 'foo/httpbin')!, { ...fromFrontend, method: 'DELETE' });
    assert.equal(r.allowed, false);
    const step = r.steps.find((s) => s.policy === 'AuthorizationPolicy foo/allow')!;
    assert.match(step.detail, /to\[0\]\.methods \[GET\] does not match DELETE/);
    assert.equal(step.file, 'mesh.yaml');
  });

  it('the explanation names a negated field and a condition by their place in the rule', () => {
    const notPath = `${allowFrontend}\n      to:\n        - operation: { notPaths: ["/admin*"] }`;
    const header = `${allowFrontend}\n      when:\n        - key: request.headers[x-env]\n          values: ["prod"]`;
    const mesh = meshOf(base + ap('foo', 'not-admin', notPath) + ap('foo', 'prod-only', header));
    const r = authorize(mesh, findWorkload(mesh, 'foo/httpbin')!, { ...fromFrontend, path: '/admin/users', headers: { 'x-env': 'dev' } });
    assert.equal(r.allowed, false);
    const detail = (name: string) => r.steps.find((s) => s.policy === `AuthorizationPolicy foo/${name}`)!.detail;
    assert.match(detail('not-admin'), /rule 0: to\[0\]\.notPaths \[\/admin\*\] excludes /);
    assert.match(detail('prod-only'), /rule 0: when\[0\] request\.headers\[x-env\] values \[prod\] does not match /);
  });

  it('trust domain aliases: a policy naming cluster.local admits callers from an alias trust domain', () => {
    const mesh = meshOf(base + ap('foo', 'allow', allowFrontend), [{ name: 'c1', trustDomain: 'new.example', trustDomainAliases: ['old.example'] }]);
    const w = findWorkload(mesh, 'foo/httpbin')!;
    assert.equal(authorize(mesh, w, { ...fromFrontend, principal: 'old.example/ns/shop/sa/frontend' }).allowed, true);
    assert.equal(authorize(mesh, w, { ...fromFrontend, principal: 'new.example/ns/shop/sa/frontend' }).allowed, true);
    assert.equal(authorize(mesh, w, { ...fromFrontend, principal: 'evil.example/ns/shop/sa/frontend' }).allowed, false);
  });
});
