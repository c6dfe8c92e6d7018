// RequestAuthentication and requestPrincipals (Istio "RequestAuthentication" reference and authorization conditions).
import assert from 'node:assert/strict';
import { simulateCall } from '../../../src/policy/index';
import { authenticateRequest } from '../../../src/policy/requestAuthentication';
import { findWorkload } from '../../../src/policy/destination';
import { app, meshOf, namespace } from '../../helpers/meshFixture';

const jwt = (claims: Record<string, unknown>) =>
  ['{"alg":"RS256"}', JSON.stringify(claims)].map((p) => Buffer.from(p).toString('base64url')).join('.') + '.signature';

const base =
  namespace('foo') +
  app('foo', 'client') +
  app('foo', 'httpbin') +
  `apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: { name: httpbin, namespace: foo }
spec:
  selector: { matchLabels: { app: httpbin } }
  jwtRules: [{ issuer: issuer-foo, jwksUri: "https://example.com/.well-known/jwks.json" }]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: httpbin, namespace: foo }
spec:
  selector: { matchLabels: { app: httpbin } }
  rules:
    - from: [{ source: { requestPrincipals: ["issuer-foo/*"] } }]
      when: [{ key: "request.auth.claims[groups]", values: [admins] }]
---
`;
const future = Math.floor(Date.UTC(2100, 0, 1) / 1000);
const bearer = (claims: Record<string, unknown>) => ({ authorization: `Bearer ${jwt(claims)}` });

describe('simulator: RequestAuthentication', () => {
  const cases: [string, Record<string, string> | undefined, string][] = [
    [
      'a token from the configured issuer gives the request principal iss/sub; claims feed conditions',
      bearer({ iss: 'issuer-foo', sub: 'alice', groups: ['dev', 'admins'], exp: future }),
      'allowed',
    ],
    [
      'a valid token without the claim the policy wants is denied by authorization',
      bearer({ iss: 'issuer-foo', sub: 'bob', groups: ['dev'], exp: future }),
      'denied-by-authorization',
    ],
    [
      '"A request that does not contain any authentication credentials will be accepted but will not have any authenticated identity"',
      undefined,
      'denied-by-authorization',
    ],
    ['a token from an issuer no rule names is rejected (401)', bearer({ iss: 'someone-else', sub: 'x', exp: future }), 'denied-by-authorization'],
    ['an expired token is rejected (401)', bearer({ iss: 'issuer-foo', sub: 'alice', groups: ['admins'], exp: 1000 }), 'denied-by-authorization'],
  ];
  for (const [doc, headers, verdict] of cases) {
    it(doc, () => {
      const r = simulateCall(meshOf(base), { from: 'foo/client', to: 'httpbin:8080', ...(headers ? { headers } : {}) });
      assert.equal(r.verdict, verdict, r.explanation.map((s) => s.detail).join(' | '));
    });
  }

  it('without a token the request is accepted by RequestAuthentication itself (no policy requires one)', () => {
    const mesh = meshOf(base);
    const out = authenticateRequest(mesh, findWorkload(mesh, 'foo/httpbin')!, {});
    assert.equal(out.rejected, false);
    assert.equal(out.principal, undefined);
  });

  it('the 401 names the RequestAuthentication', () => {
    const mesh = meshOf(base);
    const out = authenticateRequest(mesh, findWorkload(mesh, 'foo/httpbin')!, bearer({ iss: 'nope', sub: 'x' }));
    assert.equal(out.rejected, true);
    assert.equal(out.steps[0].policy, 'RequestAuthentication foo/httpbin');
    assert.match(out.steps[0].detail, /issuer nope is not configured: 401/);
  });

  it('workloads no RequestAuthentication selects ignore tokens', () => {
    const mesh = meshOf(base);
    assert.deepEqual(authenticateRequest(mesh, findWorkload(mesh, 'foo/client')!, bearer({ iss: 'nope' })), { rejected: false, steps: [] });
  });
});
