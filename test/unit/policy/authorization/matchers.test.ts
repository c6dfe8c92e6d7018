// Each AuthorizationPolicy matcher alone (Istio reference: "Authorization Policy" and "Authorization Policy Conditions").
import assert from 'node:assert/strict';
import { conditionMatcher, expandPrincipal, FIELD_MATCHERS } from '../../../../src/policy/authorization/matchers';
import { istioPathMatch, istioStringMatch } from '../../../../src/policy/authorization/stringMatch';
import type { RequestAttributes } from '../../../../src/policy/types';

const ctx = { trustDomains: ['cluster.local'] };
const mtlsRequest: RequestAttributes = {
  principal: 'cluster.local/ns/shop/sa/frontend',
  namespace: 'shop',
  sourceIp: '10.1.2.3',
  port: 8080,
  host: 'cart.shop:8080',
  method: 'GET',
  path: '/api/items/42?full=1',
  headers: { 'X-User': 'alice' },
  http: true,
  sni: 'outbound_.8080_._.cart.shop.svc.cluster.local',
};
const plaintext: RequestAttributes = { ...mtlsRequest, principal: undefined, namespace: undefined };

describe('simulator: authorization string matching', () => {
  const table: [string, string, string | undefined, boolean][] = [
    ['exact "abc" matches "abc"', 'abc', 'abc', true],
    ['exact "abc" does not match "abcd"', 'abc', 'abcd', false],
    ['prefix "abc*" matches "abc" and "abcd"', 'abc*', 'abcd', true],
    ['prefix "abc*" matches "abc" itself', 'abc*', 'abc', true],
    ['suffix "*abc" matches "xyzabc"', '*abc', 'xyzabc', true],
    ['suffix "*abc" does not match "abcx"', '*abc', 'abcx', false],
    ['presence "*" matches any non-empty value', '*', 'x', true],
    ['presence "*" does not match an empty value', '*', '', false],
    ['presence "*" does not match an absent value', '*', undefined, false],
  ];
  for (const [doc, pattern, value, expected] of table) it(doc, () => assert.equal(istioStringMatch(pattern, value), expected));

  const paths: [string, string, string, boolean][] = [
    ['"/api/*" is a prefix match', '/api/*', '/api/items/42', true],
    ['{*} matches exactly one segment', '/api/{*}/details', '/api/42/details', true],
    ['{*} does not match two segments', '/api/{*}/details', '/api/4/2/details', false],
    ['{*} does not match an empty segment', '/api/{*}', '/api/', false],
    ['{**} matches several segments', '/api/{**}', '/api/a/b/c', true],
    ['"/x/{**}" covers "/x/" (the docs: two entries reproduce a prefix)', '/api/{**}', '/api/', true],
    ['"/x/{**}" does not cover the bare "/x"', '/api/{**}', '/api', false],
    ['{*} then {**}', '/r/{*}/internal/{**}', '/r/7/internal/status/x', true],
  ];
  for (const [doc, pattern, value, expected] of paths) it(`paths: ${doc}`, () => assert.equal(istioPathMatch(pattern, value), expected));
});

describe('simulator: authorization matchers, one attribute each', () => {
  const table: { field: string; value: string; request?: RequestAttributes; expected: boolean; doc: string }[] = [
    { field: 'principals', value: 'cluster.local/ns/shop/sa/frontend', expected: true, doc: 'principal exact' },
    { field: 'principals', value: 'cluster.local/ns/shop/*', expected: true, doc: 'principal prefix' },
    { field: 'principals', value: '*', expected: true, doc: 'principal presence: any authenticated peer' },
    { field: 'principals', value: '*', request: plaintext, expected: false, doc: 'a plaintext caller has no principal' },
    { field: 'namespaces', value: 'shop', expected: true, doc: 'namespace from the peer certificate' },
    { field: 'namespaces', value: 'shop', request: plaintext, expected: false, doc: 'namespaces need mTLS' },
    { field: 'ipBlocks', value: '10.1.0.0/16', expected: true, doc: 'ipBlocks CIDR' },
    { field: 'ipBlocks', value: '10.1.2.3', expected: true, doc: 'ipBlocks single address' },
    { field: 'ipBlocks', value: '10.2.0.0/16', expected: false, doc: 'ipBlocks outside' },
    { field: 'ipBlocks', value: '10.0.0.0/8', request: { ...mtlsRequest, sourceIp: undefined }, expected: false, doc: 'unknown source IP matches no block' },
    {
      field: 'remoteIpBlocks',
      value: '192.0.2.0/24',
      request: { ...mtlsRequest, remoteIp: '192.0.2.9' },
      expected: true,
      doc: 'remoteIpBlocks uses the original client IP',
    },
    { field: 'hosts', value: 'CART.shop:8080', expected: true, doc: 'hosts are case-insensitive' },
    { field: 'hosts', value: 'cart.shop', expected: false, doc: 'hosts match the Host header as sent, port included' },
    { field: 'hosts', value: 'cart.shop:*', expected: true, doc: '"host:*" covers any port' },
    { field: 'ports', value: '8080', expected: true, doc: 'ports exact' },
    { field: 'ports', value: '80', expected: false, doc: 'ports are not prefixes' },
    { field: 'methods', value: 'GET', expected: true, doc: 'methods exact' },
    { field: 'methods', value: 'POST', expected: false, doc: 'other method' },
    { field: 'paths', value: '/api/items/*', expected: true, doc: 'paths prefix' },
    { field: 'requestPrincipals', value: '*', expected: false, doc: 'no accepted JWT: no request principal' },
    {
      field: 'requestPrincipals',
      value: 'issuer-foo/*',
      request: { ...mtlsRequest, requestPrincipal: 'issuer-foo/alice' },
      expected: true,
      doc: 'request principal iss/sub, prefix match',
    },
  ];
  for (const t of table) {
    it(`${t.field}: ${t.doc}`, () => assert.equal(FIELD_MATCHERS[t.field].matches(t.value, t.request ?? mtlsRequest, ctx), t.expected));
  }

  it('HTTP-only fields are flagged (hosts, methods, paths, requestPrincipals); L4 fields are not', () => {
    const httpOnly = Object.entries(FIELD_MATCHERS)
      .filter(([, m]) => m.httpOnly)
      .map(([k]) => k)
      .sort();
    assert.deepEqual(httpOnly, ['hosts', 'methods', 'paths', 'requestPrincipals']);
  });

  const conditions: [string, string, RequestAttributes, boolean][] = [
    ['request.headers[x-user]', 'alice', mtlsRequest, true],
    ['request.headers[X-USER]', 'ali*', mtlsRequest, true],
    ['request.headers[x-other]', '*', mtlsRequest, false],
    ['source.ip', '10.1.2.0/24', mtlsRequest, true],
    ['source.namespace', 'shop', mtlsRequest, true],
    ['source.namespace', 'shop', plaintext, false],
    ['source.principal', 'cluster.local/ns/shop/sa/frontend', mtlsRequest, true],
    ['destination.port', '8080', mtlsRequest, true],
    ['connection.sni', '*.cart.shop.svc.cluster.local', mtlsRequest, true],
    ['request.auth.claims[iss]', '*', mtlsRequest, false],
    ['request.auth.claims[groups]', 'admins', { ...mtlsRequest, claims: { groups: ['dev', 'admins'] } }, true],
    ['request.auth.claims[org][team]', 'core', { ...mtlsRequest, claims: { org: { team: 'core' } } }, true],
    ['request.auth.audiences', 'api', { ...mtlsRequest, claims: { aud: 'api' } }, true],
    ['request.auth.principal', 'iss/sub', { ...mtlsRequest, requestPrincipal: 'iss/sub' }, true],
    ['no.such.key', '*', mtlsRequest, false],
  ];
  for (const [key, value, req, expected] of conditions) {
    it(`when ${key} = ${value} -> ${expected}`, () => assert.equal(conditionMatcher(key).matches(value, req, ctx), expected));
  }
});

describe('simulator: trust domains in principals', () => {
  it('"cluster.local" in a policy stands for the local trust domain and its aliases', () => {
    assert.deepEqual(expandPrincipal('cluster.local/ns/a/sa/b', ['prod.example', 'old.example']), ['prod.example/ns/a/sa/b', 'old.example/ns/a/sa/b']);
  });
  it('an alias in a policy also matches the local trust domain', () => {
    assert.deepEqual(expandPrincipal('old.example/ns/a/sa/b', ['prod.example', 'old.example']), ['prod.example/ns/a/sa/b', 'old.example/ns/a/sa/b']);
  });
  it('a foreign trust domain is kept as written', () => {
    assert.deepEqual(expandPrincipal('other.example/ns/a/sa/b', ['prod.example']), ['other.example/ns/a/sa/b']);
  });
  it('principals starting with * do not pin a trust domain', () => {
    assert.deepEqual(expandPrincipal('*/ns/a/sa/b', ['prod.example']), ['*/ns/a/sa/b']);
  });
  it('matching: a caller from an alias trust domain matches a policy naming the local one', () => {
    const req = { ...mtlsRequest, principal: 'old.example/ns/shop/sa/frontend' };
    assert.equal(FIELD_MATCHERS.principals.matches('prod.example/ns/shop/sa/frontend', req, { trustDomains: ['prod.example', 'old.example'] }), true);
    assert.equal(FIELD_MATCHERS.principals.matches('prod.example/ns/shop/sa/frontend', req, { trustDomains: ['prod.example'] }), false);
  });
});
