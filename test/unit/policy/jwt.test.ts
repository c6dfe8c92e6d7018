// RequestAuthentication + AuthorizationPolicy end to end, against Istio's JWT integration tests (sidecars).
import assert from 'node:assert/strict';
import { simulateCall } from '../../../src/policy/index';
import type { TrafficCall } from '../../../src/policy/types';
import { app, meshOf, namespace } from '../../helpers/meshFixture';

const jwt = (claims: Record<string, unknown>) =>
  ['{"alg":"RS256"}', JSON.stringify(claims)].map((p) => Buffer.from(p).toString('base64url')).join('.') + '.signature';
const future = Math.floor(Date.UTC(2100, 0, 1) / 1000);
// Tokens of istio tests/common/jwt/jwt_token.go (claims only: signatures are not simulated).
const T1 = jwt({ iss: 'test-issuer-1@istio.io', sub: 'sub-1', groups: ['group-1'], exp: future });
const T2 = jwt({ iss: 'test-issuer-2@istio.io', sub: 'sub-2', groups: ['group-2'], exp: future });
const T2perm = jwt({ iss: 'test-issuer-2@istio.io', sub: 'sub-2', permission: 'read write', exp: future });
const T2scope = jwt({ iss: 'test-issuer-2@istio.io', sub: 'sub-2', scope: 'write read', exp: future });
const T2custom = jwt({ iss: 'test-issuer-2@istio.io', sub: 'sub-2', custom_scope: 'admin user', exp: future });
const T1custom = jwt({ iss: 'test-issuer-1@istio.io', sub: 'sub-1', custom_scope: 'admin user', exp: future });
const expired = jwt({ iss: 'test-issuer-1@istio.io', sub: 'sub-1', exp: 1562182722 });
const T1aud = jwt({ iss: 'test-issuer-1@istio.io', sub: 'sub-1', aud: 'foo', exp: future });
const T1audList = jwt({ iss: 'test-issuer-1@istio.io', sub: 'sub-1', aud: ['foo', 'buzz'], exp: future });
const notYet = jwt({ iss: 'test-issuer-1@istio.io', sub: 'sub-1', nbf: future });
const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

const workloads = namespace('ns1') + app('ns1', 'a') + app('ns1', 'b');
const ra = (spec: string) => `apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: { name: ra, namespace: ns1 }
spec:
  selector: { matchLabels: { app: b } }
${spec}
---
`;
const ap = (name: string, spec: string) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: ${name}, namespace: ns1 }
spec:
  selector: { matchLabels: { app: b } }
${spec}
---
`;
const issuers =
  '  jwtRules:\n    - issuer: test-issuer-1@istio.io\n      jwksUri: https://example.com/jwks\n    - issuer: test-issuer-2@istio.io\n      jwksUri: https://example.com/jwks\n      spaceDelimitedClaims: [custom_scope, teams]';

interface Row {
  doc: string;
  path?: string;
  headers?: Record<string, string>;
  method?: string;
  verdict: 'allowed' | 'denied-by-authorization';
  detail?: RegExp;
}
function run(manifests: string, rows: Row[]): void {
  for (const r of rows) {
    it(`${r.doc} -> ${r.verdict}`, () => {
      const call: TrafficCall = {
        from: 'ns1/a',
        to: 'b:8080',
        path: r.path ?? '/',
        ...(r.method ? { method: r.method } : {}),
        ...(r.headers ? { headers: r.headers } : {}),
      };
      const out = simulateCall(meshOf(workloads + manifests), call);
      const why = out.explanation.map((s) => s.detail).join(' | ');
      assert.equal(out.verdict, r.verdict, why);
      if (r.detail) assert.match(why, r.detail);
    });
  }
}

describe('JWT: istio tests/integration/security/jwt_test.go TestRequestAuthentication', () => {
  describe('authn-only (no AuthorizationPolicy)', () => {
    run(ra(issuers), [
      { doc: 'valid-token-noauthz', headers: bearer(T1), verdict: 'allowed' },
      {
        doc: 'expired-token-noauthz: 401 even with no AuthorizationPolicy',
        headers: bearer(expired),
        verdict: 'denied-by-authorization',
        detail: /Jwt is expired: 401/,
      },
      { doc: 'no token: accepted without identity', verdict: 'allowed', detail: /no JWT in the request/ },
      {
        doc: 'a token from an issuer no rule names (keycloak/keycloak#17299: "Jwt issuer is not configured")',
        headers: bearer(jwt({ iss: 'other', sub: 'x' })),
        verdict: 'denied-by-authorization',
        detail: /issuer other is not configured: 401/,
      },
      { doc: 'not a JWT', headers: { authorization: 'Bearer abc' }, verdict: 'denied-by-authorization', detail: /not in the form .*: 401/ },
      { doc: 'nbf in the future (Envoy: "Jwt not yet valid")', headers: bearer(notYet), verdict: 'denied-by-authorization', detail: /not yet valid: 401/ },
      {
        doc: 'expired-token-cors-preflight-request-allowed',
        method: 'OPTIONS',
        headers: { ...bearer(expired), origin: 'https://x.example', 'access-control-request-method': 'GET' },
        verdict: 'allowed',
        detail: /CORS preflight/,
      },
      {
        doc: 'expired-token-bad-cors-preflight-request-rejected (no Origin)',
        method: 'OPTIONS',
        headers: { ...bearer(expired), 'access-control-request-method': 'GET' },
        verdict: 'denied-by-authorization',
      },
      {
        doc: 'default location 2: the access_token query parameter',
        path: `/x?access_token=${expired}`,
        verdict: 'denied-by-authorization',
        detail: /expired/,
      },
    ]);
  });

  describe('authn-authz (testdata/requestauthn/authn-authz.yaml.tmpl)', () => {
    const policies =
      ra('  jwtRules:\n    - issuer: test-issuer-1@istio.io\n      jwksUri: https://example.com/jwks') +
      ap(
        'require',
        '  rules:\n    - from: [{ source: { requestPrincipals: ["test-issuer-1@istio.io/sub-1"] } }]\n      to: [{ operation: { methods: ["GET"] } }]',
      );
    run(policies, [
      { doc: 'valid-token', headers: bearer(T1), verdict: 'allowed' },
      { doc: 'expired-token: 401', headers: bearer(expired), verdict: 'denied-by-authorization', detail: /expired: 401/ },
      { doc: 'no-token: 403 from authorization (istio/istio#26559)', verdict: 'denied-by-authorization', detail: /none matched/ },
    ]);
  });

  describe('headers-params (testdata/requestauthn/headers-params.yaml.tmpl)', () => {
    const rule =
      '  jwtRules:\n    - issuer: test-issuer-1@istio.io\n      jwksUri: https://example.com/jwks\n      fromHeaders: [{ name: x-jwt-token, prefix: "Value " }, { name: auth-token, prefix: "Token " }]\n      fromParams: [token, secondary_token]';
    const policies =
      ra(rule) +
      ap(
        'require',
        '  rules:\n    - from: [{ source: { requestPrincipals: ["test-issuer-1@istio.io/sub-1"] } }]\n      to: [{ operation: { methods: ["GET"] } }]',
      );
    run(policies, [
      { doc: 'valid-params', path: `/valid-token?token=${T1}`, verdict: 'allowed' },
      { doc: 'valid-params-secondary', path: `/valid-token?secondary_token=${T1}`, verdict: 'allowed' },
      {
        doc: 'invalid-params (unconfigured param): no token seen, authz denies',
        path: `/valid-token?token_value=${T1}`,
        verdict: 'denied-by-authorization',
        detail: /no JWT/,
      },
      { doc: 'valid-token-set', path: `/valid-token?token=${T1}&secondary_token=${T1}`, verdict: 'allowed' },
      {
        doc: 'invalid-token-set: one expired token among two gives 401',
        path: `/valid-token?token=${T1}&secondary_token=${expired}`,
        verdict: 'denied-by-authorization',
        detail: /expired: 401/,
      },
      { doc: 'valid-header', headers: { 'X-Jwt-Token': `Value ${T1}` }, verdict: 'allowed' },
      { doc: 'valid-header-secondary', headers: { 'Auth-Token': `Token ${T1}` }, verdict: 'allowed' },
      { doc: 'invalid-header (unconfigured header)', headers: { 'Auth-Header-Param': `Bearer ${T1}` }, verdict: 'denied-by-authorization', detail: /no JWT/ },
      {
        doc: 'custom locations replace the defaults: Authorization Bearer is not read',
        headers: bearer(T1),
        verdict: 'denied-by-authorization',
        detail: /no JWT/,
      },
      { doc: 'a configured header without its prefix yields no token', headers: { 'x-jwt-token': T1 }, verdict: 'denied-by-authorization', detail: /no JWT/ },
    ]);
  });

  describe('fromCookies (Istio 1.21+, istio/api #2997)', () => {
    const policies =
      ra('  jwtRules:\n    - issuer: test-issuer-1@istio.io\n      jwksUri: https://example.com/jwks\n      fromCookies: [session]') +
      ap('require', '  rules:\n    - from: [{ source: { requestPrincipals: ["*"] } }]');
    run(policies, [
      { doc: 'token in the configured cookie', headers: { cookie: `theme=dark; session=${T1}` }, verdict: 'allowed' },
      { doc: 'expired token in the cookie: 401', headers: { cookie: `session=${expired}` }, verdict: 'denied-by-authorization', detail: /expired: 401/ },
      { doc: 'token in another cookie: not seen', headers: { cookie: `other=${T1}` }, verdict: 'denied-by-authorization', detail: /no JWT/ },
    ]);
  });

  describe('aud (a valid token whose audience no rule lists: 403, not 401)', () => {
    const oneRule = ra('  jwtRules:\n    - issuer: test-issuer-1@istio.io\n      jwksUri: https://example.com/jwks\n      audiences: [foo]');
    run(oneRule, [
      {
        doc: 'invalid-aud (TokenIssuer1 has no aud)',
        headers: bearer(T1),
        verdict: 'denied-by-authorization',
        detail: /Audiences in Jwt are not allowed.*: 403/,
      },
      { doc: 'valid-aud (aud foo)', headers: bearer(T1aud), verdict: 'allowed' },
      { doc: 'aud list holding foo', headers: bearer(T1audList), verdict: 'allowed' },
    ]);
    const combined =
      ra('  jwtRules:\n    - issuer: test-issuer-2@istio.io\n      jwksUri: https://example.com/jwks\n      audiences: [bar]') +
      `apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: { name: ra-no-aud, namespace: ns1 }
spec:
  jwtRules:
    - issuer: test-issuer-2@istio.io
      jwksUri: https://example.com/jwks
---
`;
    run(combined, [
      { doc: 'verify-policies-are-combined: the same issuer without audiences accepts a token with no aud', headers: bearer(T2), verdict: 'allowed' },
    ]);
  });
});

describe('JWT: istio tests/integration/security/authz_test.go TestAuthz_JWT (testdata/authz/jwt.yaml.tmpl)', () => {
  const rule = (path: string, body: string, get = true) => `    - to: [{ operation: { paths: ["${path}"]${get ? ', methods: ["GET"]' : ''} } }]\n${body}`;
  const policies =
    ra(issuers) +
    ap(
      'jwt',
      '  rules:\n' +
        [
          rule('/token1', '      from: [{ source: { requestPrincipals: ["test-issuer-1@istio.io/sub-1"] } }]'),
          rule('/token2', '      when: [{ key: "request.auth.claims[groups]", values: ["group-2"] }]'),
          rule('/token3', '      from: [{ source: { notRequestPrincipals: ["test-issuer-1@istio.io/sub-1"] } }]'),
          rule('/tokenAny', '      from: [{ source: { requestPrincipals: ["*"] } }]'),
          rule('/permission', '      when: [{ key: "request.auth.claims[permission]", values: ["write", "append"] }]'),
          rule('/scope', '      when: [{ key: "request.auth.claims[scope]", values: ["append", "write"] }]'),
          rule('/otherscope', '      when: [{ key: "request.auth.claims[scope]", values: ["admin"] }]'),
          rule('/custom-scope-admin', '      when: [{ key: "request.auth.claims[custom_scope]", values: ["admin"] }]'),
          rule('/custom-scope-user', '      when: [{ key: "request.auth.claims[custom_scope]", values: ["user"] }]'),
          rule('/audiences', '      when: [{ key: "request.auth.audiences", values: ["foo"] }]', false),
        ].join('\n'),
    );
  run(policies, [
    { doc: '/token1 no token', path: '/token1', verdict: 'denied-by-authorization' },
    { doc: '/token1 T1', path: '/token1', headers: bearer(T1), verdict: 'allowed' },
    { doc: '/token1 T2', path: '/token1', headers: bearer(T2), verdict: 'denied-by-authorization' },
    { doc: '/token2 no token', path: '/token2', verdict: 'denied-by-authorization' },
    { doc: '/token2 T1', path: '/token2', headers: bearer(T1), verdict: 'denied-by-authorization' },
    { doc: '/token2 T2', path: '/token2', headers: bearer(T2), verdict: 'allowed' },
    { doc: '/token3 T1', path: '/token3', headers: bearer(T1), verdict: 'denied-by-authorization' },
    { doc: '/token3 T2', path: '/token3', headers: bearer(T2), verdict: 'allowed' },
    { doc: '/token3 no token (code-derived: NOT of an absent match holds)', path: '/token3', verdict: 'allowed' },
    { doc: '/tokenAny T1', path: '/tokenAny', headers: bearer(T1), verdict: 'allowed' },
    { doc: '/tokenAny T2', path: '/tokenAny', headers: bearer(T2), verdict: 'allowed' },
    { doc: '/tokenAny no token', path: '/tokenAny', verdict: 'denied-by-authorization' },
    { doc: '/permission T1', path: '/permission', headers: bearer(T1), verdict: 'denied-by-authorization' },
    { doc: '/permission T2', path: '/permission', headers: bearer(T2), verdict: 'denied-by-authorization' },
    { doc: '/permission "read write" is split by default', path: '/permission', headers: bearer(T2perm), verdict: 'allowed' },
    { doc: '/scope "write read" is split by default', path: '/scope', headers: bearer(T2scope), verdict: 'allowed' },
    { doc: '/otherscope', path: '/otherscope', headers: bearer(T2scope), verdict: 'denied-by-authorization' },
    {
      doc: '/custom-scope-admin: issuer-2 has spaceDelimitedClaims [custom_scope] (1.28)',
      path: '/custom-scope-admin',
      headers: bearer(T2custom),
      verdict: 'allowed',
    },
    { doc: '/custom-scope-user', path: '/custom-scope-user', headers: bearer(T2custom), verdict: 'allowed' },
    { doc: '/custom-scope-admin no token', path: '/custom-scope-admin', verdict: 'denied-by-authorization' },
    { doc: '/custom-scope-admin T1', path: '/custom-scope-admin', headers: bearer(T1), verdict: 'denied-by-authorization' },
    {
      doc: 'issuer-1 does not split custom_scope: "admin user" stays one string',
      path: '/custom-scope-admin',
      headers: bearer(T1custom),
      verdict: 'denied-by-authorization',
    },
    { doc: '/audiences T1aud', path: '/audiences', headers: bearer(T1aud), verdict: 'allowed' },
    { doc: '/audiences T1audList', path: '/audiences', headers: bearer(T1audList), verdict: 'allowed' },
  ]);
});

describe('JWT: attachment', () => {
  const gatewayOnly = `apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: { name: gw, namespace: ns1 }
spec:
  targetRefs: [{ kind: Gateway, group: gateway.networking.k8s.io, name: public }]
  jwtRules: [{ issuer: test-issuer-1@istio.io, jwksUri: "https://example.com/jwks" }]
---
`;
  run(gatewayOnly, [
    { doc: 'a targetRefs RequestAuthentication attaches to gateways, not sidecars: an expired token passes', headers: bearer(expired), verdict: 'allowed' },
  ]);
});

describe('JWT: what Istio validation rejects in jwtRules (pkg/config/validation/validation.go validateJwtRule), at the field line', () => {
  const table: [string, string, RegExp][] = [
    [
      'neither issuer nor jwksUri',
      '  jwtRules:\n    - audiences: [foo]',
      /^7: .*jwtRules\[0\]: issuer or jwksUri must be non-empty string: Istio rejects the policy$/,
    ],
    [
      'a jwksUri that is not http(s)',
      '  jwtRules:\n    - issuer: i\n      jwksUri: ftp://example.com/jwks',
      /^8: .*jwtRules\[0\]: URI scheme "ftp" is not supported/,
    ],
    ['an empty audience', '  jwtRules:\n    - issuer: i\n      audiences: ["a", ""]', /^8: .*audience must be non-empty string/],
    [
      'a header location without a name',
      '  jwtRules:\n    - issuer: i\n      fromHeaders: [{ prefix: "Bearer " }]',
      /^8: .*location header name must be non-empty string/,
    ],
    ['an empty query parameter', '  jwtRules:\n    - issuer: i\n      fromParams: [""]', /^8: .*location query must be non-empty string/],
    ['an empty cookie name', '  jwtRules:\n    - issuer: i\n      fromCookies: [""]', /^8: .*cookie name must be non-empty string/],
  ];
  for (const [doc, spec, expected] of table) {
    it(doc, () => {
      const problems = meshOf(ra(spec)).problems.map((p) => `${p.line}: ${p.message}`);
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.match(problems[0], expected);
    });
  }
  it('a valid RequestAuthentication has no problems', () => assert.deepEqual(meshOf(ra(issuers)).problems, []));
  describe('a rule with a jwksUri and no issuer checks no issuer (validation allows it; the Envoy provider has an empty issuer)', () => {
    run(ra('  jwtRules:\n    - jwksUri: https://example.com/jwks') + ap('require', '  rules:\n    - from: [{ source: { requestPrincipals: ["*"] } }]'), [
      { doc: 'any issuer', headers: bearer(T2), verdict: 'allowed' },
      { doc: 'still expired', headers: bearer(expired), verdict: 'denied-by-authorization', detail: /expired: 401/ },
    ]);
  });
});
