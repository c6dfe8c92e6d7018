// Paths as the sidecar matches them: Istio's matcher forms, Envoy's uri templates, BASE normalization, validation.
import assert from 'node:assert/strict';
import { FIELD_MATCHERS } from '../../../../src/policy/authorization/matchers';
import { istioPathMatch, normalizePath, pathTemplateError, type PathNormalization } from '../../../../src/policy/authorization/stringMatch';
import { authorize, findWorkload } from '../../../../src/policy/index';
import { app, meshOf, namespace } from '../../../helpers/meshFixture';
import type { RequestAttributes } from '../../../../src/policy/types';

const request = (path: string): RequestAttributes => ({ port: 8080, http: true, method: 'GET', path });
const matches = (value: string, path: string) => FIELD_MATCHERS.paths.matches(value, request(path), { trustDomains: ['cluster.local'] });

describe('authorization paths: matcher forms (istio pilot/pkg/security/authz/matcher/string.go StringMatcherWithPrefix; builder testdata http/allow-path-in.yaml -> allow-path-out.yaml)', () => {
  const table: [string, string, string, boolean][] = [
    ['exact', '/exact', '/exact', true],
    ['exact is case-sensitive', '/exact', '/EXACT', false],
    ['exact is not a prefix', '/exact', '/exact/more', false],
    ['trailing * is a prefix', '/prefix/*', '/prefix/a/b', true],
    ['trailing * prefix needs the prefix', '/prefix/*', '/prefix', false],
    ['leading * is a suffix', '*/suffix', '/a/b/suffix', true],
    ['leading * suffix', '*/suffix', '/suffix/x', false],
    ['"*" is any non-empty path (regex .+)', '*', '/', true],
    ['"*" in the middle is literal: only the path "/a*b"', '/a*b', '/a*b', true],
    ['"*" in the middle is literal: "/axb" does not match', '/a*b', '/axb', false],
    ['"*a*": the leading * is checked first, so the rest "a*" is a literal suffix', '*a*', '/xa*', true],
    ['"*a*" is not a contains match', '*a*', '/xab', false],
  ];
  for (const [doc, value, path, expected] of table) it(`${doc}: ${value} vs ${path} -> ${expected}`, () => assert.equal(matches(value, path), expected));
});

describe('authorization paths: templates (istio tests/integration/security/authz_test.go TestAuthz_PathTemplating, testdata/authz/path-templating.yaml.tmpl)', () => {
  const templates = ['/allow/admin/{**}', '/foo/{*}/bar/{**}', '/store/{**}/cart'];
  const table: [string, boolean, string][] = [
    ['/allow/admin/', true, ''],
    ['/allow/admin', false, 'When ** is the last segment and operator, the path must have a trailing /'],
    ['/allow/user/', false, ''],
    ['/allow/admin?param=value', false, 'query removed -> /allow/admin, no trailing /'],
    ['/allow', false, ''],
    ['/allow/admin/temp', true, ''],
    ['/allow/admin/temp.txt', true, ''],
    ['/allow/admin/foo/temp.txt', true, ''],
    ['/foo/buzz/bar/bat.txt', true, ''],
    ['/foo/buzz/bar/bat.temp.txt', true, ''],
    ['/foo/buzz/bar/bat/fuzz.txt', true, ''],
    ['/foo/bar/bat.txt', false, '{*} needs its own segment'],
    ['/foo//bar/bat.txt', false, '{*} does not match an empty segment'],
    ['/foo/buzz/bar/bat', true, ''],
    ['/store//cart', true, '{**} matches the empty string between the two /'],
    ['/store/cart', false, 'both / around {**} must be present'],
    ['/store/foo/cart', true, ''],
    ['/store/foo/bar/cart', true, '{**} spans segments'],
  ];
  for (const [path, allowed, note] of table) {
    it(`${path} -> ${allowed ? 'allow' : 'deny'}${note ? ` (${note})` : ''}`, () =>
      assert.equal(
        templates.some((t) => matches(t, path)),
        allowed,
      ));
  }
  const api: [string, string, boolean][] = [
    ['/foo/{*}', '/foo/bar', true],
    ['/foo/{*}', '/foo/bar/baz', false],
    ['/foo/{**}/', '/foo/bar/', true],
    ['/foo/{**}/', '/foo//', true],
    ['/foo/{**}/', '/foo/bar', false],
    ['/foo/{*}/bar/{**}', '/foo/buzz/bar/', true],
    ['/foo/{*}/bar/{**}', '/foo/buzz/bar/baz', true],
  ];
  for (const [t, path, expected] of api)
    it(`API doc (istio/api security/v1beta1/authorization_policy.proto Operation.paths): ${t} vs ${path} -> ${expected}`, () =>
      assert.equal(istioPathMatch(t, path), expected));
});

describe('authorization paths: BASE normalization before matching (TestAuthz_PathNormalization, testdata/authz/path-normalization.yaml.tmpl: paths ["/public*"])', () => {
  const table: [string, boolean][] = [
    ['/public', true],
    ['/public/../public', true],
    ['/private', false],
    ['/public/../private', false],
    ['/public/./../private', false],
    ['/public/.././private', false],
    ['/public/%2E%2E/private', false],
    ['/public/%2e%2e/private', false],
    ['/public/%2E/%2E%2E/private', false],
    ['/public/%2e/%2e%2e/private', false],
    ['/public/%2E%2E/%2E/private', false],
    ['/public/%2e%2e/%2e/private', false],
  ];
  for (const [path, allowed] of table) it(`${path} -> ${allowed ? 'allow' : 'deny'}`, () => assert.equal(matches('/public*', path), allowed));

  const normalized: [string, string, string][] = [
    ['query and fragment removed (istio.io normalization: "remove anything after the question mark")', '/a/b?x=1#f', '/a/b'],
    ['backslash becomes slash', '/a\\b', '/a/b'],
    ['slashes are not merged by default (BASE)', '/store//cart', '/store//cart'],
    ['%2F stays encoded (only DECODE_AND_MERGE_SLASHES decodes it)', '/a%2fb', '/a%2Fb'],
    ['unreserved characters are decoded', '/%61%7E', '/a~'],
    ['.. above the root stays at the root', '/../x', '/x'],
    ['a trailing .. leaves a directory', '/a/b/..', '/a/'],
  ];
  for (const [doc, raw, expected] of normalized) it(`${doc}: ${raw} -> ${expected}`, () => assert.equal(normalizePath(raw), expected));

  it('TestAuthz_PathPrecedence: the query is stripped, so an exact DENY on /allow/admin still matches /allow/admin?param=value', () => {
    assert.equal(matches('/allow/admin', '/allow/admin?param=value'), true);
    assert.equal(matches('/allow*', '/allow?param=value'), true);
  });
});

describe('authorization paths: validation (istio pkg/config/security/security_test.go TestCheckValidPathTemplate)', () => {
  const table: [string, string, boolean][] = [
    ['valid path template - matchOneTemplate', '/{*}/foo', true],
    ['valid path template - matchOneTemplate with trailing slash', '/{*}/foo/', true],
    ['valid path template - matchAnyTemplate', '/foo/{**}/bar', true],
    ['valid path template - matchAnyTemplate at end', '/foo/bar/{**}', true],
    ['unsupported path template - matchAnyTemplate with additional chars', '/foo/{**}buzz/bar', false],
    ['unsupported path template - empty curly braces', '/{*}/foo/{}/bar', false],
    ['unsupported path template - matchOneTemplate with `*`', '/foo/{*}/bar/*', false],
    ['unsupported path template - matchOneTemplate with `**`', '/foo/{*}/bar/**/buzz', false],
    ['unsupported path/path template - named var: {buzz}', '/foo/{buzz}/bar', false],
    ['unsupported path/path template - only named var: {buzz}', '/{buzz}', false],
    ['unsupported path/path template - named var: {buzz} with matchAnyTemplate', '/foo/{buzz}/bar/{**}', false],
    ['unsupported path template - named var: {buzz=*}', '/foo/{buzz=*}/bar/{**}', false],
    ['unsupported path template - named var: {buzz=**}', '/{*}/foo/{buzz=**}/bar', false],
    ['unsupported path template - additional chars at end', '/{*}/foo/{**}bar', false],
    ['unsupported path template - file extension', '/{*}/foo/{*}.txt', false],
    ['unsupported path template - unmatched open curly brace', '/{*}/foo/{temp', false],
    ['unsupported path template - unmatched closed curly brace', '/{*}/foo/temp}/bar', false],
    ['unsupported path template - unmatched closed curly brace and `*`', '/{*}/foo/temp}/*', false],
    ['unsupported path template - matchAnyTemplate is not the last operator', '/{**}/foo/temp/{*}/bar', false],
    ['unsupported path template - simple multiple matchAnyTemplates', '/{**}/{**}', false],
    ['unsupported path template - multiple matchAnyTemplates', '/{**}/foo/temp/{**}/bar', false],
    ['unsupported path template - invalid literal in path template', '/{*}/foo/?abc', false],
    ['literal segments after {**} are allowed (the integration test /store/{**}/cart)', '/store/{**}/cart', true],
    ['paths without a template get no literal check', '/a*b', true],
    ['empty value (CheckEmptyValues)', '', false],
  ];
  for (const [name, value, valid] of table)
    it(`${name}: ${JSON.stringify(value)} -> ${valid ? 'valid' : 'rejected'}`, () =>
      assert.equal(pathTemplateError(value) === undefined, valid, pathTemplateError(value)));
});

describe('authorization paths: the mesh\'s pathNormalization (istio/api mesh/v1alpha1/config.proto ProxyPathNormalization; pilot listener_builder.go; istio.io "Authorization Policy Normalization")', () => {
  const table: [PathNormalization, string, string][] = [
    ['NONE', '/a/../b?x', '/a/../b'],
    ['NONE', '/a%2e%2e', '/a%2e%2e'],
    ['BASE', '/store//cart', '/store//cart'],
    ['MERGE_SLASHES', '/store//cart', '/store/cart'],
    ['MERGE_SLASHES', '/a//b/../c', '/a/c'],
    ['MERGE_SLASHES', '/a%2Fb', '/a%2Fb'],
    ['DECODE_AND_MERGE_SLASHES', '/a%2Fb', '/a/b'],
    ['DECODE_AND_MERGE_SLASHES', '/a%5c%5Cb', '/a/b'],
  ];
  for (const [mode, raw, expected] of table) it(`${mode}: ${raw} -> ${expected}`, () => assert.equal(normalizePath(raw, mode), expected));
  it('derived: /store/{**}/cart allows /store//cart under BASE but not once slashes are merged', () => {
    const ctx = (pathNormalization: PathNormalization) => ({ trustDomains: ['cluster.local'], pathNormalization });
    assert.equal(FIELD_MATCHERS.paths.matches('/store/{**}/cart', request('/store//cart'), ctx('BASE')), true);
    assert.equal(FIELD_MATCHERS.paths.matches('/store/{**}/cart', request('/store//cart'), ctx('MERGE_SLASHES')), false);
  });
  it('read from the istio ConfigMap of the root namespace, per cluster, and used by authorize', () => {
    const files = `apiVersion: v1
kind: ConfigMap
metadata: { name: istio, namespace: istio-system }
data:
  mesh: |
    pathNormalization:
      normalization: MERGE_SLASHES
---
${namespace('ns1')}${app('ns1', 'b')}apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: tpl, namespace: ns1 }
spec:
  rules:
    - to: [{ operation: { paths: ["/store/{**}/cart"] } }]
---
`;
    const mesh = meshOf(files);
    assert.deepEqual(mesh.pathNormalization, { cluster1: 'MERGE_SLASHES' });
    const r = authorize(mesh, findWorkload(mesh, 'ns1/b')!, {
      port: 8080,
      http: true,
      method: 'GET',
      path: '/store//cart',
      principal: 'cluster.local/ns/ns1/sa/a',
    });
    assert.equal(r.allowed, false);
    assert.match(r.steps.map((s) => s.detail).join(' | '), /\/store\/\/cart \(normalized \/store\/cart\)/);
  });
  it('DEFAULT and an absent setting are BASE', () => {
    const cm = (mode: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: istio, namespace: istio-system }\ndata:\n  mesh: |\n    pathNormalization:\n      normalization: ${mode}\n`;
    assert.equal(meshOf(cm('DEFAULT')).pathNormalization, undefined);
    assert.equal(meshOf(cm('BASE')).pathNormalization, undefined);
    assert.deepEqual(meshOf(cm('NONE')).pathNormalization, { cluster1: 'NONE' });
  });
});
