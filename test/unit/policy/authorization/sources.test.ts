// Source fields and the identity/JWT conditions, each matcher alone, against Istio's own test tables.
import assert from 'node:assert/strict';
import {
  conditionMatcher,
  expandPrincipal,
  FIELD_MATCHERS,
  namespaceMatches,
  requestPrincipalMatches,
  serviceAccountMatches,
} from '../../../../src/policy/authorization/matchers';
import type { RequestAttributes } from '../../../../src/policy/types';

const ctx = { trustDomains: ['cluster.local'], policyNamespace: 'shop' };

describe('authorization sources: serviceAccounts (istio pilot/pkg/security/authz/model/generator_test.go TestServiceAccount, input my-ns/my-sa)', () => {
  // Identities without "spiffe://" as the engine keeps them; the matcher adds it as Envoy sees the peer certificate.
  const table: [string, string, boolean][] = [
    ['exact', 'cluster.local/ns/my-ns/sa/my-sa', true],
    ['suffix attributes', 'cluster.local/ns/my-ns/sa/my-sa/k/v', true],
    ['prefix attributes', 'cluster.local/k/v/ns/my-ns/sa/my-sa', true],
    ['middle attributes', 'cluster.local/ns/my-ns/k/v/sa/my-sa', true],
    ['sa suffix', 'cluster.local/ns/my-ns/sa/my-sa-suffix', false],
    ['ns suffix', 'cluster.local/ns/my-ns-suffix/sa/my-sa', false],
    ['no trust domain', 'ns/my-ns/sa/my-sa', false],
    ['namespace only', 'cluster.local/ns/my-ns', false],
    ['sa only', 'cluster.local/sa/my-sa', false],
  ];
  for (const [doc, identity, expected] of table)
    it(`${doc}: ${identity} -> ${expected}`, () => assert.equal(serviceAccountMatches('my-ns/my-sa', identity, 'other'), expected));
  it('dots are escaped: my.ns/my.sa does not match ns/myXns/sa/my.sa', () =>
    assert.equal(serviceAccountMatches('my.ns/my.sa', 'cluster.local/ns/myXns/sa/my.sa', undefined), false));
  it('the trust domain is not checked', () => assert.equal(serviceAccountMatches('my-ns/my-sa', 'other.example/ns/my-ns/sa/my-sa', undefined), true));
  it('"sa" alone names an account of the policy\'s namespace (API: serviceAccounts)', () => {
    assert.equal(serviceAccountMatches('frontend', 'cluster.local/ns/shop/sa/frontend', 'shop'), true);
    assert.equal(serviceAccountMatches('frontend', 'cluster.local/ns/other/sa/frontend', 'shop'), false);
  });
  it('a plaintext caller has no service account; notServiceAccounts then holds', () =>
    assert.equal(FIELD_MATCHERS.serviceAccounts.matches('shop/frontend', { port: 1, http: true }, ctx), false));
  it('source.serviceAccount uses the same matcher', () =>
    assert.equal(conditionMatcher('source.serviceAccount').matches('frontend', { port: 1, http: true, principal: 'td/ns/shop/sa/frontend' }, ctx), true));
});

describe('authorization sources: namespaces as Envoy regex .*/ns/<ns>/.* (generator.go srcNamespaceGenerator, generator_test.go TestNamespaceMatcherRegex_Match)', () => {
  const table: [string, string, string, boolean][] = [
    ['exact', 'foo', 'cluster.local/ns/foo/sa/x', true],
    ['exact-match-with-dot: dots are literal', 'ns.prod', 'cluster.local/ns/nsXprod/sa/x', false],
    ['exact with dot', 'ns.prod', 'cluster.local/ns/ns.prod/sa/x', true],
    ['wildcard-match-with-dot: * anywhere becomes .*', 'ns.*.prod', 'cluster.local/ns/ns.any.prod/sa/x', true],
    ['"*" is any authenticated peer', '*', 'cluster.local/ns/foo/sa/x', true],
    ['prefix', 'foo*', 'cluster.local/ns/foo-bar/sa/x', true],
    ['suffix', '*-prod', 'cluster.local/ns/shop-prod/sa/x', true],
    ['not a substring', 'foo', 'cluster.local/ns/foobar/sa/x', false],
  ];
  for (const [doc, value, identity, expected] of table)
    it(`${doc}: ${value} vs ${identity} -> ${expected}`, () => assert.equal(namespaceMatches(value, identity), expected));
  it('plaintext: no peer identity, no namespace', () => assert.equal(namespaceMatches('*', undefined), false));
});

describe('authorization sources: requestPrincipals split at the last / (generator_test.go TestRequestPrincipal)', () => {
  const table: [string, string, string, boolean][] = [
    ['*', 'any', 'x', true],
    ['foo*', 'foobar', 'x', true],
    ['foo*', 'bar', 'x', false],
    ['foo/*', 'foo', 'x', true],
    ['foo/*', 'foo2', 'x', false],
    ['foo/bar*', 'foo', 'barbaz', true],
    ['*foo', 'any', 'xfoo', true],
    ['*foo', 'xfoo', 'bar', false],
    ['*/foo', 'any', 'foo', true],
    ['*bar/foo', 'xbar', 'foo', true],
    ['*bar/foo', 'x', 'bar/foo', false],
    ['foo/bar', 'foo', 'bar', true],
    ['https://accounts.example.com/1234', 'https://accounts.example.com', '1234', true],
  ];
  for (const [value, iss, sub, expected] of table)
    it(`${value} vs iss=${iss} sub=${sub} -> ${expected}`, () => assert.equal(requestPrincipalMatches(value, iss, sub), expected));
  it('no accepted token: no request principal', () => assert.equal(FIELD_MATCHERS.requestPrincipals.matches('*', { port: 1, http: true }, ctx), false));
});

describe('authorization sources: trust domain aliases (istio pilot/pkg/security/trustdomain/bundle_test.go TestReplaceTrustDomainAliases)', () => {
  const table: [string, string[], string, string[]][] = [
    ['no local trust domain alias', ['cluster.local'], 'cluster.local/ns/foo/sa/bar', ['cluster.local/ns/foo/sa/bar']],
    ['principals with * are kept', ['cluster.local'], '*/ns/foo/sa/bar', ['*/ns/foo/sa/bar']],
    ['local trust domain alias (td2, [td1])', ['td2', 'td1'], 'td1/ns/foo/sa/bar', ['td2/ns/foo/sa/bar', 'td1/ns/foo/sa/bar']],
    ['cluster.local as an alias', ['td1', 'cluster.local'], 'cluster.local/ns/foo/sa/bar', ['td1/ns/foo/sa/bar', 'cluster.local/ns/foo/sa/bar']],
    ['two aliases', ['td2', 'td1', 'cluster.local'], 'cluster.local/ns/foo/sa/bar', ['td2/ns/foo/sa/bar', 'td1/ns/foo/sa/bar', 'cluster.local/ns/foo/sa/bar']],
    [
      '*-td1 fits the alias foo-td1 and is kept for it',
      ['td2', 'foo-td1', 'cluster.local'],
      '*-td1/ns/foo/sa/bar',
      ['td2/ns/foo/sa/bar', '*-td1/ns/foo/sa/bar', 'cluster.local/ns/foo/sa/bar'],
    ],
    ['a trust domain outside the list is kept', ['td1', 'td2'], 'some-td/ns/foo/sa/bar', ['some-td/ns/foo/sa/bar']],
    ['... and expanded once listed', ['td1', 'td2', 'some-td'], 'some-td/ns/foo/sa/bar', ['td1/ns/foo/sa/bar', 'td2/ns/foo/sa/bar', 'some-td/ns/foo/sa/bar']],
    ['empty trust domain is kept', ['new-td', 'td2', 'td3'], '/ns/some-ns/sa/some-sa', ['/ns/some-ns/sa/some-sa']],
    ['*-td fits both: kept once, no duplicates', ['new-td', 'old-td'], '*-td/ns/some-ns/sa/some-sa', ['*-td/ns/some-ns/sa/some-sa']],
    [
      'cluster.local with trustDomain td1 and no aliases stands for td1 only (code: ReplaceTrustDomainAliases)',
      ['td1'],
      'cluster.local/ns/a/sa/b',
      ['td1/ns/a/sa/b'],
    ],
    ['only 5-segment principals are rewritten', ['td1', 'td2'], 'td2/ns/a/sa/b/extra', ['td2/ns/a/sa/b/extra']],
  ];
  for (const [doc, tds, value, expected] of table) it(`${doc}`, () => assert.deepEqual(expandPrincipal(value, tds), expected));
  it('source.principal conditions get the same expansion', () => {
    const r: RequestAttributes = { port: 1, http: true, principal: 'td1/ns/a/sa/b' };
    assert.equal(conditionMatcher('source.principal').matches('td2/ns/a/sa/b', r, { trustDomains: ['td2', 'td1'] }), true);
  });
});

describe('authorization conditions: JWT claims (istio tests/integration/security/authz_test.go TestAuthz_JWT, testdata/authz/jwt.yaml.tmpl)', () => {
  const N1 = { iss: 'test-issuer-1@istio.io', sub: 'sub-1', nested: { key1: ['valueA', 'valueB'], 'nested-2': { key1: ['valueA', 'valueB'] } } };
  const N2 = { iss: 'test-issuer-1@istio.io', sub: 'sub-1', nested: { key2: 'valueC', 'nested-2': { key2: 'valueC' } } };
  const req = (claims: Record<string, unknown>): RequestAttributes => ({
    port: 1,
    http: true,
    claims,
    requestPrincipal: `${String(claims.iss)}/${String(claims.sub)}`,
  });
  const table: [string, string, string, Record<string, unknown>, boolean][] = [
    ['/token2', 'request.auth.claims[groups]', 'group-2', { iss: 'i2', sub: 's', groups: ['group-2'] }, true],
    ['/token2', 'request.auth.claims[groups]', 'group-2', { iss: 'i1', sub: 's', groups: ['group-1'] }, false],
    ['/nested-key1 (list contains)', 'request.auth.claims[nested][key1]', 'valueB', N1, true],
    ['/nested-key1', 'request.auth.claims[nested][key1]', 'valueB', N2, false],
    ['/nested-key2', 'request.auth.claims[nested][key2]', 'valueC', N1, false],
    ['/nested-key2', 'request.auth.claims[nested][key2]', 'valueC', N2, true],
    ['/nested-2-key1', 'request.auth.claims[nested][nested-2][key1]', 'valueA', N1, true],
    ['/nested-2-key1', 'request.auth.claims[nested][nested-2][key1]', 'valueA', N2, false],
    ['/nested-non-exist', 'request.auth.claims[nested][non-exist]', '*', N1, false],
    ['/audiences (aud string)', 'request.auth.audiences', 'foo', { iss: 'i', sub: 's', aud: 'foo' }, true],
    ['/audiences (aud list)', 'request.auth.audiences', 'foo', { iss: 'i', sub: 's', aud: ['foo', 'buzz'] }, true],
    ['presenter is azp', 'request.auth.presenter', 'client-a', { iss: 'i', sub: 's', azp: 'client-a' }, true],
    [
      '[a.b] is one claim literally named a.b (code: util.go extractNameInNestedBrackets)',
      'request.auth.claims[a.b]',
      'x',
      { 'a.b': 'x', a: { b: 'y' } },
      true,
    ],
    ['[a.b] does not walk a nested object', 'request.auth.claims[a.b]', 'y', { a: { b: 'y' } }, false],
    ['a number claim never matches a string value (only string or list-of-string claims)', 'request.auth.claims[level]', '5', { level: 5 }, false],
    ['request.auth.principal', 'request.auth.principal', 'test-issuer-1@istio.io/sub-1', N1, true],
  ];
  for (const [doc, key, value, claims, expected] of table)
    it(`${doc}: ${key} = ${value} -> ${expected}`, () => assert.equal(conditionMatcher(key).matches(value, req(claims), ctx), expected));
});

describe('authorization conditions: what manifests cannot tell (reported, not silently false)', () => {
  const r: RequestAttributes = { port: 8080, http: true, principal: 'cluster.local/ns/a/sa/b' };
  it('destination.ip without a pod IP', () => assert.match(conditionMatcher('destination.ip').unknown!(r, ['10.0.0.1']) ?? '', /not known from manifests/));
  it('destination.ip once the address is known (the sandbox)', () => {
    assert.equal(conditionMatcher('destination.ip').unknown!({ ...r, destinationIp: '10.0.0.1' }, ['10.0.0.1']), undefined);
    assert.equal(conditionMatcher('destination.ip').matches('10.0.0.0/24', { ...r, destinationIp: '10.0.0.1' }, ctx), true);
  });
  it('source.ip 0.0.0.0/0 holds every pod', () => assert.equal(conditionMatcher('source.ip').unknown!(r, ['0.0.0.0/0']), undefined));
  it('experimental.envoy.filters.* (HTTP and TCP, conditions page)', () => {
    const m = conditionMatcher('experimental.envoy.filters.network.mysql_proxy[db.table]');
    assert.equal(m.httpOnly, false);
    assert.match(m.unknown!(r, ['[update]']) ?? '', /filter metadata/);
  });
  it('keys Istio rejects are marked', () => {
    for (const key of ['destination.namespace', 'destination.labels[app]', 'destination.name', 'destination.user', 'request.colour'])
      assert.ok(conditionMatcher(key).rejected, key);
    for (const key of [
      'request.headers[x]',
      'request.experimental.inline.headers[x]',
      'source.ip',
      'remote.ip',
      'source.namespace',
      'source.serviceAccount',
      'source.principal',
      'request.auth.principal',
      'request.auth.audiences',
      'request.auth.presenter',
      'request.auth.claims[a]',
      'destination.ip',
      'destination.port',
      'connection.sni',
    ])
      assert.equal(conditionMatcher(key).rejected, undefined, key);
  });
  it('request.headers: "*" asks for presence, even of an empty header (HeaderMatcher present_match)', () => {
    assert.equal(conditionMatcher('request.headers[x-a]').matches('*', { ...r, headers: { 'X-A': '' } }, ctx), true);
    assert.equal(conditionMatcher('request.headers[x-a]').matches('*', { ...r, headers: {} }, ctx), false);
  });
});
