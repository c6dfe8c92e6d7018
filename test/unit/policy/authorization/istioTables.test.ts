// Whole policies against the requests of Istio's integration tests and builder golden files (sidecar/Envoy semantics).
import assert from 'node:assert/strict';
import { authorize, findWorkload } from '../../../../src/policy/index';
import type { RequestAttributes } from '../../../../src/policy/types';
import { app, meshOf, namespace } from '../../../helpers/meshFixture';

function ap(name: string, spec: string, annotations?: string): string {
  return `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ${name}
  namespace: ns1
${annotations ? `  annotations:\n    ${annotations}\n` : ''}spec:
${spec}
---
`;
}

const base = namespace('ns1') + app('ns1', 'b');
const from = (ns: string, extra: Partial<RequestAttributes> = {}): RequestAttributes => ({
  principal: `cluster.local/ns/${ns}/sa/a`,
  namespace: ns,
  port: 8080,
  http: true,
  host: 'b.ns1:8080',
  method: 'GET',
  path: '/',
  headers: {},
  ...extra,
});
const tcp = (ns: string, port: number): RequestAttributes => ({ principal: `cluster.local/ns/${ns}/sa/a`, namespace: ns, port, http: false });
const plaintext = (extra: Partial<RequestAttributes> = {}): RequestAttributes => ({ ...from('ns2', extra), principal: undefined, namespace: undefined });

function decide(policies: string, request: RequestAttributes) {
  const mesh = meshOf(base + policies);
  return authorize(mesh, findWorkload(mesh, 'ns1/b')!, request);
}
const why = (r: ReturnType<typeof decide>) => r.steps.map((s) => `${s.policy ?? ''} ${s.detail}`).join(' | ');

describe('Istio builder testdata tcp/deny-both-http-tcp-in.yaml -> -out.yaml (builder_test.go TestGenerator_GenerateTCP): a DENY rule drops its HTTP-only fields on TCP', () => {
  const rules: [string, string, [string, number, boolean][]][] = [
    [
      '0: requestPrincipals + methods -> any',
      '    - from: [{ source: { requestPrincipals: ["id-1"] } }]\n      to: [{ operation: { methods: ["GET"] } }]',
      [
        ['ns-1', 80, true],
        ['ns-3', 9090, true],
      ],
    ],
    ['1: methods -> any', '    - to: [{ operation: { methods: ["GET"] } }]', [['ns-3', 9090, true]]],
    ['2: requestPrincipals -> any', '    - from: [{ source: { requestPrincipals: ["id-1"] } }]', [['ns-3', 9090, true]]],
    [
      '3: namespaces ns-1 + methods -> ns-1 on any port',
      '    - from: [{ source: { namespaces: ["ns-1"] } }]\n      to: [{ operation: { methods: ["GET"] } }]',
      [
        ['ns-1', 9090, true],
        ['ns-2', 80, false],
      ],
    ],
    [
      '4: requestPrincipals + ports 80 -> port 80, any source',
      '    - from: [{ source: { requestPrincipals: ["id-1"] } }]\n      to: [{ operation: { ports: ["80"] } }]',
      [
        ['ns-2', 80, true],
        ['ns-2', 8080, false],
      ],
    ],
    [
      '6: namespaces ns-2 + requestPrincipals + ports 8080 + methods -> ns-2 on 8080',
      '    - from: [{ source: { namespaces: ["ns-2"], requestPrincipals: ["id-1"] } }]\n      to: [{ operation: { ports: ["8080"], methods: ["GET"] } }]',
      [
        ['ns-2', 8080, true],
        ['ns-2', 80, false],
        ['ns-1', 8080, false],
      ],
    ],
    [
      '7: namespaces ns-1 + ports 80',
      '    - from: [{ source: { namespaces: ["ns-1"] } }]\n      to: [{ operation: { ports: ["80"] } }]',
      [
        ['ns-1', 80, true],
        ['ns-1', 8080, false],
      ],
    ],
    ['8: when request.headers[:method] -> any', '    - when: [{ key: "request.headers[:method]", values: ["GET"] }]', [['ns-3', 9090, true]]],
    [
      '9: when destination.port 80 -> port 80',
      '    - when: [{ key: destination.port, values: ["80"] }]',
      [
        ['ns-3', 80, true],
        ['ns-3', 81, false],
      ],
    ],
  ];
  for (const [doc, rule, requests] of rules) {
    for (const [ns, port, denied] of requests) {
      it(`rule ${doc}: TCP from ${ns} on ${port} -> ${denied ? 'deny' : 'allow'}`, () => {
        const r = decide(ap('deny', `  action: DENY\n  rules:\n${rule}`), tcp(ns, port));
        assert.equal(r.allowed, !denied, why(r));
      });
    }
  }
  it('tcp/allow-only-http-in.yaml: ALLOW rules with HTTP-only fields are dropped whole, so all TCP is denied', () => {
    const spec =
      '  rules:\n    - from: [{ source: { requestPrincipals: ["id-1"] } }]\n      to: [{ operation: { methods: ["GET"] } }]\n    - from: [{ source: { namespaces: ["ns-1"] } }]\n      to: [{ operation: { hosts: ["example.com"] } }]';
    const r = decide(ap('allow', spec), tcp('ns-1', 8080));
    assert.equal(r.allowed, false, why(r));
    assert.match(why(r), /rule 1 uses HTTP-only fields on a TCP port/);
  });
  it('... even an HTTP-only not-form or when key drops the ALLOW rule (model.go checkError)', () => {
    const r = decide(
      ap('allow', '  rules:\n    - from: [{ source: { namespaces: ["ns-1"] } }]\n      when: [{ key: "request.auth.claims[g]", notValues: ["x"] }]'),
      tcp('ns-1', 8080),
    );
    assert.equal(r.allowed, false, why(r));
  });
});

describe('Istio tests/integration/security/authz_test.go, sidecars with STRICT mTLS', () => {
  const principal =
    '  rules:\n    - from: [{ source: { principals: ["cluster.local/ns/ns1/sa/a"] } }]\n      to: [{ operation: { paths: ["/allow"], methods: ["GET"] } }]\n    - from: [{ source: { principals: ["cluster.local/ns/ns1/sa/a"] } }]\n      to: [{ operation: { ports: ["9090"] } }]';
  const sa = principal.replace(/principals: \["cluster.local\/ns\/ns1\/sa\/a"\]/g, 'serviceAccounts: ["ns1/a"]');
  const ns = principal.replace(/principals: \["cluster.local\/ns\/ns1\/sa\/a"\]/g, 'namespaces: ["ns1"]');
  const table: [string, string, RequestAttributes, boolean][] = [];
  for (const [name, spec] of [
    ['TestAuthz_Principal', principal],
    ['TestAuthz_ServiceAccount', sa],
    ['TestAuthz_Namespace', ns],
  ] as const) {
    table.push(
      [`${name}: ns1/a tcp`, spec, tcp('ns1', 9090), true],
      [`${name}: ns2/a tcp`, spec, tcp('ns2', 9090), false],
      [`${name}: ns1/a /allow`, spec, from('ns1', { path: '/allow' }), true],
      [`${name}: ns1/a /allow?param=value`, spec, from('ns1', { path: '/allow?param=value' }), true],
      [`${name}: ns2/a /allow`, spec, from('ns2', { path: '/allow' }), false],
      [`${name}: ns1/a /deny`, spec, from('ns1', { path: '/deny' }), false],
      [`${name}: ns1/a /deny?param=value`, spec, from('ns1', { path: '/deny?param=value' }), false],
    );
  }
  const denyNs2 =
    '  action: DENY\n  rules:\n    - from: [{ source: { principals: ["cluster.local/ns/ns2/sa/a"] } }]\n      to: [{ operation: { paths: ["/deny*"], notPaths: ["/deny/allow"], methods: ["GET"] } }]\n    - from: [{ source: { principals: ["cluster.local/ns/ns2/sa/a"] } }]\n      to: [{ operation: { ports: ["9090"] } }]';
  const globalDeny =
    '  action: DENY\n  rules:\n    - to: [{ operation: { paths: ["/global-deny*"], notPaths: ["/global-deny/allow"], ports: ["8080", "18085"] } }]';
  const deny = (r: RequestAttributes, ok: boolean, doc: string): [string, string, RequestAttributes, boolean] => [
    `TestAuthz_DenyPrincipal: ${doc}`,
    'DENY',
    r,
    ok,
  ];
  table.push(
    deny(tcp('ns2', 9090), false, 'ns2/a tcp'),
    deny(tcp('ns1', 9090), true, 'ns1/a tcp'),
    deny(from('ns2', { path: '/deny' }), false, 'ns2/a /deny'),
    deny(from('ns2', { path: '/deny?param=value' }), false, 'ns2/a /deny?param=value'),
    deny(from('ns1', { path: '/deny' }), true, 'ns1/a /deny'),
    deny(from('ns2', { path: '/deny/allow' }), true, 'ns2/a /deny/allow'),
    deny(from('ns2', { path: '/deny/allow?param=value' }), true, 'ns2/a /deny/allow?param=value'),
    deny(from('ns2', { path: '/allow' }), true, 'ns2/a /allow'),
    deny(from('ns1', { path: '/global-deny' }), false, 'any /global-deny'),
    deny(from('ns1', { path: '/global-deny?param=value' }), false, 'any /global-deny?param=value'),
    deny(from('ns1', { path: '/global-deny/allow' }), true, 'any /global-deny/allow'),
  );
  const notNs = '  action: DENY\n  rules:\n    - from: [{ source: { notNamespaces: ["ns1"] } }]';
  table.push(
    ['TestAuthz_NotNamespace: ns1/a http', notNs, from('ns1'), true],
    ['TestAuthz_NotNamespace: ns2/a http', notNs, from('ns2'), false],
    ['TestAuthz_NotNamespace: ns2/a tcp', notNs, tcp('ns2', 9090), false],
    ['TestAuthz_NotMethod: GET', '  rules:\n    - to: [{ operation: { notMethods: ["PUT"] } }]', from('ns1'), true],
    ['TestAuthz_NotMethod: PUT', '  rules:\n    - to: [{ operation: { notMethods: ["PUT"] } }]', from('ns1', { method: 'PUT' }), false],
    ['TestAuthz_NotPort: port http', '  rules:\n    - to: [{ operation: { notPorts: ["8081"] } }]', from('ns1'), true],
    ['TestAuthz_NotPort: port http2', '  rules:\n    - to: [{ operation: { notPorts: ["8081"] } }]', from('ns1', { port: 8081 }), false],
    ['TestAuthz_NotHost: allow.b.com', '  rules:\n    - to: [{ operation: { notHosts: ["deny.b.com"] } }]', from('ns1', { host: 'allow.b.com' }), true],
    ['TestAuthz_NotHost: deny.b.com', '  rules:\n    - to: [{ operation: { notHosts: ["deny.b.com"] } }]', from('ns1', { host: 'deny.b.com' }), false],
    [
      'TestAuthz_NotHost: hosts compare without case',
      '  rules:\n    - to: [{ operation: { notHosts: ["deny.b.com"] } }]',
      from('ns1', { host: 'DENY.b.com' }),
      false,
    ],
    [
      'TestAuthz_DenyPlaintext: plaintext caller vs notPrincipals ["*"]',
      '  action: DENY\n  rules:\n    - from: [{ source: { notPrincipals: ["*"] } }]',
      plaintext(),
      false,
    ],
    ['TestAuthz_DenyPlaintext: mTLS caller', '  action: DENY\n  rules:\n    - from: [{ source: { notPrincipals: ["*"] } }]', from('ns1'), true],
  );
  const cond = (key: string, field: 'values' | 'notValues', values: string) => `  rules:\n    - when: [{ key: "${key}", ${field}: [${values}] }]`;
  table.push(
    ['TestAuthz_Conditions: request.headers x-foo: foo', cond('request.headers[x-foo]', 'values', '"foo"'), from('ns1', { headers: { 'x-foo': 'foo' } }), true],
    [
      'TestAuthz_Conditions: request.headers x-foo: bar',
      cond('request.headers[x-foo]', 'values', '"foo"'),
      from('ns1', { headers: { 'x-foo': 'bar' } }),
      false,
    ],
    ['TestAuthz_Conditions: request.headers absent', cond('request.headers[x-foo]', 'values', '"foo"'), from('ns1'), false],
    [
      'TestAuthz_Conditions: request-headers-notValues foo',
      cond('request.headers[x-foo]', 'notValues', '"bar"'),
      from('ns1', { headers: { 'x-foo': 'foo' } }),
      true,
    ],
    [
      'TestAuthz_Conditions: request-headers-notValues bar',
      cond('request.headers[x-foo]', 'notValues', '"bar"'),
      from('ns1', { headers: { 'x-foo': 'bar' } }),
      false,
    ],
    ['code-derived: notValues with the header absent holds', cond('request.headers[x-foo]', 'notValues', '"bar"'), from('ns1'), true],
    ['TestAuthz_Conditions: source-namespace', cond('source.namespace', 'values', '"ns1"'), from('ns1'), true],
    ['TestAuthz_Conditions: source-namespace (denied caller)', cond('source.namespace', 'values', '"ns1"'), from('ns2'), false],
    ['TestAuthz_Conditions: source-namespace-notValues', cond('source.namespace', 'notValues', '"ns2"'), from('ns2'), false],
    ['TestAuthz_Conditions: source-principal', cond('source.principal', 'values', '"cluster.local/ns/ns1/sa/a"'), from('ns1'), true],
    ['TestAuthz_Conditions: source-principal-notValues', cond('source.principal', 'notValues', '"cluster.local/ns/ns2/sa/a"'), from('ns2'), false],
    ['TestAuthz_Conditions: destination-port-good (workload port)', cond('destination.port', 'values', '"8080"'), from('ns1'), true],
    ['TestAuthz_Conditions: destination-port-bad', cond('destination.port', 'values', '"1"'), from('ns1'), false],
    ['TestAuthz_Conditions: destination-port-notValues', cond('destination.port', 'notValues', '"8080"'), from('ns1'), false],
    [
      'TestAuthz_Conditions: connection-sni-good',
      cond('connection.sni', 'values', '"*.b.ns1.svc.cluster.local"'),
      from('ns1', { sni: 'outbound_.8080_._.b.ns1.svc.cluster.local' }),
      true,
    ],
    [
      'TestAuthz_Conditions: connection-sni-bad',
      cond('connection.sni', 'values', '"never-matched"'),
      from('ns1', { sni: 'outbound_.8080_._.b.ns1.svc.cluster.local' }),
      false,
    ],
    [
      'TestAuthz_Conditions: connection-sni-notValues',
      cond('connection.sni', 'notValues', '"*.b.ns1.svc.cluster.local"'),
      from('ns1', { sni: 'outbound_.8080_._.b.ns1.svc.cluster.local' }),
      false,
    ],
    [
      'TestAuthz_Conditions: destination-ip-good (address known, as in the sandbox)',
      cond('destination.ip', 'values', '"10.0.0.7"'),
      from('ns1', { destinationIp: '10.0.0.7' }),
      true,
    ],
    ['TestAuthz_Conditions: destination-ip-bad', cond('destination.ip', 'values', '"1.2.3.4"'), from('ns1', { destinationIp: '10.0.0.7' }), false],
    ['TestAuthz_Conditions: source-ip (address known)', cond('source.ip', 'values', '"10.0.0.9"'), from('ns1', { sourceIp: '10.0.0.9' }), true],
    ['TestAuthz_Conditions: source-ip-notValues (denied caller)', cond('source.ip', 'notValues', '"10.0.0.9"'), from('ns1', { sourceIp: '10.0.0.9' }), false],
  );
  for (const [doc, spec, request, allowed] of table) {
    it(`${doc} -> ${allowed ? 'allow' : 'deny'}`, () => {
      const policies = spec === 'DENY' ? ap('deny-ns2', denyNs2) + ap('global-deny', globalDeny) : ap('p', spec);
      const r = decide(policies, request);
      assert.equal(r.allowed, allowed, why(r));
    });
  }
});

describe('actions, dry-run and what cannot be evaluated (istio builder.go, authz-fields research §5-6)', () => {
  it('CUSTOM is evaluated first and assumed to allow; reported as not simulated', () => {
    const r = decide(
      ap('ext', '  action: CUSTOM\n  provider: { name: opa }\n  rules:\n    - {}') + ap('deny', '  action: DENY\n  rules:\n    - {}'),
      from('ns1'),
    );
    assert.equal(r.allowed, false);
    assert.match(r.steps[0].detail, /CUSTOM rule 0 matched: the external authorizer 'opa' decides; not simulated, assumed to allow/);
  });
  const dry: [string, string, boolean][] = [
    ['"true"', 'true', true],
    ['"True"', 'True', true],
    ['"1"', '1', true],
    ['"t"', 't', true],
    ['"false"', 'false', false],
    ['"yes" (a ParseBool error: not dry-run)', 'yes', false],
  ];
  for (const [doc, value, isDry] of dry) {
    it(`istio.io/dry-run ${doc} is read as strconv.ParseBool: ${isDry ? 'not enforced' : 'enforced'}`, () => {
      const r = decide(ap('deny', '  action: DENY\n  rules:\n    - {}', `istio.io/dry-run: "${value}"`), from('ns1'));
      assert.equal(r.allowed, isDry, why(r));
      if (isDry) assert.match(why(r), /dry-run \(istio\.io\/dry-run\): rule 0 would match \(DENY\); logged only, not enforced/);
    });
  }
  it('only dry-run ALLOW policies: no enforcing ALLOW filter, traffic allowed (builder.go hasEnforcePolicy)', () => {
    const r = decide(ap('allow-nothing', '  rules:\n    - to: [{ operation: { paths: ["/x"] } }]', 'istio.io/dry-run: "true"'), from('ns1'));
    assert.equal(r.allowed, true);
    assert.match(why(r), /dry-run .*would not match/);
  });
  it('AUDIT never decides', () => {
    const r = decide(ap('audit', '  action: AUDIT\n  rules:\n    - {}'), from('ns1'));
    assert.equal(r.allowed, true);
    assert.match(why(r), /AUDIT rule 0 matched: logged, decision unchanged/);
  });
  it('a DENY on destination.ip without pod IPs is reported as not applied (never silently)', () => {
    const r = decide(ap('deny-ip', '  action: DENY\n  rules:\n    - when: [{ key: destination.ip, values: ["10.0.0.1"] }]'), from('ns1'));
    assert.equal(r.allowed, true);
    assert.match(
      why(r),
      /AuthorizationPolicy ns1\/deny-ip DENY not applied: rule 0: when\[0\] destination\.ip values \[10\.0\.0\.1\] cannot be evaluated: destination IP is not known from manifests \(pod IPs\); assumed not to match/,
    );
  });
  it('an ALLOW on ipBlocks without pod IPs says why it did not match', () => {
    const r = decide(ap('allow-ip', '  rules:\n    - from: [{ source: { notIpBlocks: ["10.0.0.0/8"] } }]'), from('ns1'));
    assert.equal(r.allowed, false);
    assert.match(why(r), /from\[0\]\.notIpBlocks \[10\.0\.0\.0\/8\] cannot be evaluated: source IP is not known/);
  });
  it('a rule with a key Istio rejects is skipped, even with notValues in a DENY (builder.go "skipped invalid rule")', () => {
    const r = decide(ap('deny-odd', '  action: DENY\n  rules:\n    - when: [{ key: destination.namespace, notValues: ["x"] }]'), from('ns1'));
    assert.equal(r.allowed, true, why(r));
    assert.match(why(r), /when\[0\] attribute destination\.namespace is replaced by the metadata\.namespace: Istio rejects the key and skips the rule/);
  });
  it("serviceAccounts without a namespace means the policy's namespace", () => {
    const spec = '  rules:\n    - from: [{ source: { serviceAccounts: ["a"] } }]';
    assert.equal(decide(ap('sa', spec), from('ns1')).allowed, true);
    assert.equal(decide(ap('sa', spec), from('ns2')).allowed, false);
  });
  it('notServiceAccounts: a plaintext caller has none, so it holds', () => {
    const r = decide(ap('deny', '  action: DENY\n  rules:\n    - from: [{ source: { notServiceAccounts: ["ns1/a"] } }]'), plaintext());
    assert.equal(r.allowed, false);
  });
  it('TestAuthz_PathTemplating through a whole policy: /store//cart allowed, /store/cart denied', () => {
    const spec = '  rules:\n    - to: [{ operation: { paths: ["/allow/admin/{**}", "/foo/{*}/bar/{**}", "/store/{**}/cart"] } }]';
    assert.equal(decide(ap('tpl', spec), from('ns1', { path: '/store//cart' })).allowed, true);
    assert.equal(decide(ap('tpl', spec), from('ns1', { path: '/store/cart' })).allowed, false);
  });
});
