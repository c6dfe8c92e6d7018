// The table of AuthorizationPolicy attribute matchers: one small matcher per field or `when` key, as Istio's generators.
import { ipInCidr, parseCidr } from '../ipRange';
import type { RequestAttributes } from '../types';
import { istioHeaderMatch, istioPathMatch, istioStringMatch, normalizePath, type PathNormalization } from './stringMatch';

/** What a matcher needs besides the request: the server's trust domain and its aliases, the policy's namespace. */
export interface MatchContext {
  trustDomains: string[];
  /** Namespace of the policy being matched (`serviceAccounts: [sa]` means an account of this namespace). */
  policyNamespace?: string;
  /** The mesh's path normalization for the server's cluster; BASE when absent. */
  pathNormalization?: PathNormalization;
}

export interface AttributeMatcher {
  /** True when Istio can only evaluate the attribute on HTTP traffic. */
  httpOnly: boolean;
  /** Does one value of the field match the request? */
  matches(value: string, request: RequestAttributes, ctx: MatchContext): boolean;
  /** The request's value, for explanations. */
  describe(request: RequestAttributes, ctx?: MatchContext): string;
  /**
   * Why the manifests cannot tell this attribute's value for this request (pod IPs, filter metadata), or undefined.
   * `values` lets a value that covers every possible address (0.0.0.0/0) still decide.
   */
  unknown?(request: RequestAttributes, values: string[]): string | undefined;
  /** Set when Istio's validation rejects the key: the rule holding it is skipped (builder.go "skipped invalid rule"). */
  rejected?: string;
}

const LOCAL_TRUST_DOMAIN = 'cluster.local';

/**
 * Istio's `ReplaceTrustDomainAliases` (pilot/pkg/security/trustdomain/bundle.go): a 5-segment principal whose trust
 * domain is the local one, an alias, or "cluster.local" is expanded to every trust domain of the mesh; a trust
 * domain with a leading `*` that fits one of them (`*-td`) is kept as written for that one. Other principals
 * (`*` as trust domain, other lengths, foreign trust domains) are kept as written.
 */
export function expandPrincipal(value: string, trustDomains: string[]): string[] {
  const parts = value.split('/');
  if (parts.length !== 5 || parts[0] === '*') return [value];
  const td = parts[0];
  const fits = (t: string) => (td.startsWith('*') ? t.endsWith(td.slice(1)) : t === td);
  if (!trustDomains.some(fits) && td !== LOCAL_TRUST_DOMAIN) return [value];
  const rest = value.slice(td.length);
  const out: string[] = [];
  for (const t of trustDomains) {
    const p = fits(t) ? value : t + rest;
    if (!out.includes(p)) out.push(p);
  }
  return out;
}

// Expansions by trust-domain list (one list per cluster, see trustDomainsOf), then by policy value.
const expansions = new WeakMap<string[], Map<string, string[]>>();
function principalMatches(value: string, principal: string | undefined, ctx: MatchContext): boolean {
  if (principal === undefined) return false;
  let byValue = expansions.get(ctx.trustDomains);
  if (!byValue) expansions.set(ctx.trustDomains, (byValue = new Map()));
  let all = byValue.get(value);
  if (!all) byValue.set(value, (all = expandPrincipal(value, ctx.trustDomains)));
  for (const v of all) if (istioStringMatch(v, principal)) return true;
  return false;
}

const trustDomainLists = new WeakMap<object, string[]>();
/** The trust domain and its aliases of a cluster, one array per cluster so that expansions are computed once. */
export function trustDomainsOf(cluster: { trustDomain: string; trustDomainAliases: string[] }): string[] {
  let list = trustDomainLists.get(cluster);
  if (!list) trustDomainLists.set(cluster, (list = [cluster.trustDomain, ...cluster.trustDomainAliases]));
  return list;
}

/**
 * `namespaces` (generator.go srcNamespaceGenerator): Envoy matches the regex `.*\/ns/<value>/.*` against the peer's
 * SPIFFE ID, with every `*` of the value made `.*` (so `*` anywhere, even `ns.*.prod`) and the rest escaped.
 */
export function namespaceMatches(value: string, principal: string | undefined): boolean {
  if (principal === undefined) return false;
  // The same match without a regex: each `*` became `.*`, and a value with many stars made a pattern
  // that backtracks to the power of their number (a policy from a pull request could hang the run).
  return wildcardMatch(`*/ns/${value}/*`.split('*'), `spiffe://${principal}`);
}

/**
 * Whether `text` is the `literals` joined by runs of any characters (a glob of `*` only, split at its
 * stars). Greedy: each middle literal at its first place after the one before, which is enough when
 * `*` is the only wildcard; time at most the text's length times the pattern's.
 */
export function wildcardMatch(literals: readonly string[], text: string): boolean {
  if (literals.length === 1) return text === literals[0];
  const first = literals[0];
  const last = literals[literals.length - 1];
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  const end = text.length - last.length;
  let at = first.length;
  for (let i = 1; i < literals.length - 1; i++) {
    const found = text.indexOf(literals[i], at);
    if (found < 0 || found + literals[i].length > end) return false;
    at = found + literals[i].length;
  }
  return true;
}

/**
 * `serviceAccounts` (Istio 1.25+, generator.go): `ns/sa`, or `sa` of the policy's namespace, as the regex
 * `spiffe://.+/ns/<ns>/(.+/|)sa/<sa>(/.+)?` on the peer's SPIFFE ID; the trust domain is not checked.
 */
export function serviceAccountMatches(value: string, principal: string | undefined, policyNamespace: string | undefined): boolean {
  if (principal === undefined) return false;
  const slash = value.indexOf('/');
  const ns = slash >= 0 ? value.slice(0, slash) : (policyNamespace ?? '');
  const sa = slash >= 0 ? value.slice(slash + 1) : value;
  return serviceAccountIdMatches(`spiffe://${principal}`, ns, sa);
}

/**
 * Whether `id` is `spiffe://X/ns/<ns>/[Y/]sa/<sa>[/Z]` (X, Y, Z non-empty), as the regex above reads
 * it, found from the places `/ns/<ns>/` and `sa/<sa>` occur: as a regex, its two `.+` traded
 * characters and a long identity took quadratic time or worse.
 */
export function serviceAccountIdMatches(id: string, ns: string, sa: string): boolean {
  const scheme = 'spiffe://';
  if (!id.startsWith(scheme)) return false;
  const nsPart = `/ns/${ns}/`;
  const saPart = `sa/${sa}`;
  const afters = new Set<number>();
  let firstAfter = Infinity;
  for (let i = id.indexOf(nsPart, scheme.length + 1); i >= 0; i = id.indexOf(nsPart, i + 1)) {
    afters.add(i + nsPart.length);
    firstAfter = Math.min(firstAfter, i + nsPart.length);
  }
  if (afters.size === 0) return false;
  for (let j = id.indexOf(saPart, firstAfter); j >= 0; j = id.indexOf(saPart, j + 1)) {
    const end = j + saPart.length;
    if (end !== id.length && !(id[end] === '/' && end + 1 < id.length)) continue;
    if (afters.has(j) || (j - 2 >= firstAfter && id[j - 1] === '/')) return true;
  }
  return false;
}

/**
 * `requestPrincipals` (generator.go requestPrincipalGenerator, generator_test.go TestRequestPrincipal): the value is
 * split at its last `/` into an issuer and a subject matcher, `*` meaning any non-empty value; without `/`, `*x`
 * constrains the subject and `x*` the issuer.
 */
export function requestPrincipalMatches(value: string, iss: string | undefined, sub: string | undefined): boolean {
  if (iss === undefined || sub === undefined) return false;
  const slash = value.lastIndexOf('/');
  if (slash < 0) {
    if (value === '*') return iss.length > 0 && sub.length > 0;
    if (value.startsWith('*')) return iss.length > 0 && istioStringMatch(value, sub);
    if (value.endsWith('*')) return istioStringMatch(value, iss) && sub.length > 0;
    return false;
  }
  return istioStringMatch(value.slice(0, slash) || '*', iss) && istioStringMatch(value.slice(slash + 1) || '*', sub);
}

/** Issuer and subject of the accepted JWT: from its claims, else the principal split at its last `/`. */
function issSub(r: RequestAttributes): [string | undefined, string | undefined] {
  const c = r.claims;
  if (c && typeof c.iss === 'string') return [c.iss, typeof c.sub === 'string' ? c.sub : ''];
  if (r.requestPrincipal === undefined) return [undefined, undefined];
  const slash = r.requestPrincipal.lastIndexOf('/');
  return [r.requestPrincipal.slice(0, slash), r.requestPrincipal.slice(slash + 1)];
}

const none = (v: string | undefined, what = 'none') => v ?? what;
const peer = (r: RequestAttributes) => none(r.principal, 'no peer identity (plaintext)');

/** Pods' addresses are not in manifests: an unknown address decides only against a block that holds every IPv4. */
function ipMatcher(get: (r: RequestAttributes) => string | undefined, what: string): AttributeMatcher {
  return {
    httpOnly: false,
    matches: (v, r) => {
      const ip = get(r);
      return ip === undefined ? v.trim() === '0.0.0.0/0' : ipInCidr(ip, v);
    },
    describe: (r) => none(get(r), `${what} unknown`),
    unknown: (r, values) =>
      get(r) === undefined && !values.some((v) => v.trim() === '0.0.0.0/0') ? `${what} is not known from manifests (pod IPs)` : undefined,
  };
}

const principal: AttributeMatcher = { httpOnly: false, matches: (v, r, ctx) => principalMatches(v, r.principal, ctx), describe: peer };
const namespace: AttributeMatcher = {
  httpOnly: false,
  matches: (v, r) => namespaceMatches(v, r.principal),
  describe: (r) => none(r.namespace, 'no peer namespace (plaintext)'),
};
const serviceAccount: AttributeMatcher = {
  httpOnly: false,
  matches: (v, r, ctx) => serviceAccountMatches(v, r.principal, ctx.policyNamespace),
  describe: peer,
};
const sourceIp = ipMatcher((r) => r.sourceIp, 'source IP');
// Without X-Forwarded-For or PROXY protocol the original client is the direct peer.
const remoteIp = ipMatcher((r) => r.remoteIp ?? r.sourceIp, 'remote IP');
const destinationIp = ipMatcher((r) => r.destinationIp, 'destination IP');
// Request principals come from a JWT that RequestAuthentication accepted.
const requestPrincipal: AttributeMatcher = {
  httpOnly: true,
  matches: (v, r) => {
    const [iss, sub] = issSub(r);
    return requestPrincipalMatches(v, iss, sub);
  },
  describe: (r) => none(r.requestPrincipal, 'no request principal (no accepted JWT)'),
};

/**
 * A claim by path (`request.auth.claims[groups]`, nested `[a][b]`; `[a.b]` is one claim named `a.b`). Istio's
 * matcher is list-aware (`MetadataListValueMatcher`): a string claim must match, a list claim must hold a matching
 * string. Numbers, booleans and objects never match a string value.
 */
function claim(path: string[], what: string): AttributeMatcher {
  const valueOf = (r: RequestAttributes): unknown => {
    let cur: unknown = r.claims;
    for (const p of path) cur = cur && typeof cur === 'object' && !Array.isArray(cur) ? (cur as Record<string, unknown>)[p] : undefined;
    return cur;
  };
  return {
    httpOnly: true,
    matches: (v, r) => {
      const c = valueOf(r);
      if (typeof c === 'string') return istioStringMatch(v, c);
      return Array.isArray(c) && c.some((x) => typeof x === 'string' && istioStringMatch(v, x));
    },
    describe: (r) => {
      const c = valueOf(r);
      return c === undefined ? `no ${what}` : JSON.stringify(c);
    },
  };
}
// The Host header as sent, port included: Istio matches `hosts` against it without case (use "h:*" for any port).
const host: AttributeMatcher = { httpOnly: true, matches: (v, r) => istioStringMatch(v, r.host, true), describe: (r) => none(r.host) };
const port: AttributeMatcher = { httpOnly: false, matches: (v, r) => String(v) === String(r.port), describe: (r) => String(r.port) };
const method: AttributeMatcher = { httpOnly: true, matches: (v, r) => istioHeaderMatch(v, r.method), describe: (r) => none(r.method) };
const path: AttributeMatcher = {
  httpOnly: true,
  matches: (v, r, ctx) => r.path !== undefined && istioPathMatch(v, normalizePath(r.path, ctx.pathNormalization)),
  describe: (r, ctx) => {
    if (r.path === undefined) return 'none';
    const normalized = normalizePath(r.path, ctx?.pathNormalization);
    return normalized === r.path ? r.path : `${r.path} (normalized ${normalized})`;
  },
};
const sni: AttributeMatcher = { httpOnly: false, matches: (v, r) => istioStringMatch(v, r.sni), describe: (r) => none(r.sni, 'no SNI') };
const filterMetadata: AttributeMatcher = {
  httpOnly: false,
  matches: () => false,
  describe: () => 'filter metadata unknown',
  unknown: () => 'Envoy filter metadata (experimental.envoy.filters.*) is not known from manifests',
};
const rejected = (why: string): AttributeMatcher => ({ httpOnly: false, matches: () => false, describe: () => why, rejected: why });

/** Source and operation fields, by field name (the `not*` variants reuse these). */
export const FIELD_MATCHERS: Record<string, AttributeMatcher> = {
  principals: principal,
  requestPrincipals: requestPrincipal,
  namespaces: namespace,
  serviceAccounts: serviceAccount,
  ipBlocks: sourceIp,
  remoteIpBlocks: remoteIp,
  hosts: host,
  ports: port,
  methods: method,
  paths: path,
};

function header(name: string): AttributeMatcher {
  const lower = name.toLowerCase();
  const find = (r: RequestAttributes) => {
    const h = r.headers;
    if (!h) return undefined;
    if (h[lower] !== undefined) return h[lower];
    for (const k in h) if (k.toLowerCase() === lower) return h[k];
    return undefined;
  };
  return { httpOnly: true, matches: (v, r) => istioHeaderMatch(v, find(r)), describe: (r) => none(find(r), `no ${name} header`) };
}

const conditions = new Map<string, AttributeMatcher>();

/**
 * `when` condition keys (Istio "Authorization Policy Conditions"; pkg/config/security/security.go ValidateAttribute).
 * Keys Istio's validation rejects get a matcher marked `rejected`.
 */
export function conditionMatcher(key: string): AttributeMatcher {
  let m = conditions.get(key);
  if (!m) conditions.set(key, (m = buildCondition(key)));
  return m;
}

/** `a`, `b` of `[a][b]`: each `[` to the next `]`, read once (the pattern `\[([^\]]+)\]` re-read the rest of a long key from every `[`). */
export function bracketedNames(text: string): string[] {
  const names: string[] = [];
  for (let open = text.indexOf('['); open >= 0;) {
    const close = text.indexOf(']', open + 1);
    if (close < 0) break;
    if (close > open + 1) {
      names.push(text.slice(open + 1, close));
      open = text.indexOf('[', close + 1);
    } else open = text.indexOf('[', open + 1);
  }
  return names;
}

function buildCondition(key: string): AttributeMatcher {
  const mapKey = /^(request\.headers|request\.experimental\.inline\.headers|request\.auth\.claims|experimental\.envoy\.filters\.[^[]*)\[(.+)\]$/.exec(key);
  if (mapKey) {
    if (mapKey[1] === 'request.auth.claims') return claim(bracketedNames(`[${mapKey[2]}]`), `claim ${mapKey[2]}`);
    if (mapKey[1].startsWith('experimental.')) return filterMetadata;
    return header(mapKey[2]);
  }
  switch (key) {
    case 'source.ip':
      return sourceIp;
    case 'remote.ip':
      return remoteIp;
    case 'source.namespace':
      return namespace;
    case 'source.principal':
      return principal;
    case 'source.serviceAccount':
      return serviceAccount;
    case 'request.auth.principal':
      return requestPrincipal;
    case 'request.auth.audiences':
      return claim(['aud'], 'audience');
    case 'request.auth.presenter':
      return claim(['azp'], 'presenter');
    case 'destination.ip':
      return destinationIp;
    case 'destination.port':
      return port;
    case 'connection.sni':
      return sni;
    case 'destination.namespace':
      return rejected(`attribute ${key} is replaced by the metadata.namespace`);
    case 'destination.name':
    case 'destination.user':
      return rejected(`deprecated attribute ${key}: only supported in v1alpha1`);
  }
  if (key.startsWith('destination.labels')) return rejected(`attribute ${key} is replaced by the workload selector`);
  if (/^(request\.headers|request\.auth\.claims|experimental\.envoy\.filters\.)/.test(key)) return rejected(`bad key (${key}): should have format a[b]`);
  return rejected(`unknown attribute: ${key}`);
}

/** Whether `parseCidr` accepts every value: Istio's validation rejects a bad IP or CIDR. */
export function badAddresses(values: string[]): string[] {
  return values.filter((v) => !parseCidr(v.includes('/') ? v : `${v}/${v.includes(':') ? 128 : 32}`));
}
