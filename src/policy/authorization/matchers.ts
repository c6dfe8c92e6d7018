// The table of AuthorizationPolicy attribute matchers: one small matcher per field or `when` key.
import { ipInCidr } from '../ipRange';
import type { RequestAttributes } from '../types';
import { istioPathMatch, istioStringMatch } from './stringMatch';

/** What a matcher needs besides the request: the server's trust domain and its aliases. */
export interface MatchContext {
  trustDomains: string[];
}

export interface AttributeMatcher {
  /** True when Istio can only evaluate the attribute on HTTP traffic. */
  httpOnly: boolean;
  /** Does one value of the field match the request? */
  matches(value: string, request: RequestAttributes, ctx: MatchContext): boolean;
  /** The request's value, for explanations. */
  describe(request: RequestAttributes): string;
}

const LOCAL_TRUST_DOMAIN = 'cluster.local';

/**
 * Istio's trust domain handling: a principal whose trust domain is the local one, one of its aliases, or the
 * literal "cluster.local" stands for the same identity under every one of them. Principals starting with `*`
 * do not pin a trust domain and are kept as written.
 */
export function expandPrincipal(value: string, trustDomains: string[]): string[] {
  if (value.startsWith('*')) return [value];
  const slash = value.indexOf('/');
  if (slash <= 0) return [value];
  const td = value.slice(0, slash);
  if (!trustDomains.includes(td) && td !== LOCAL_TRUST_DOMAIN) return [value];
  const rest = value.slice(slash);
  return trustDomains.map((t) => t + rest);
}

function principalMatches(value: string, principal: string | undefined, ctx: MatchContext): boolean {
  return expandPrincipal(value, ctx.trustDomains).some((v) => istioStringMatch(v, principal));
}

function ipMatches(value: string, ip: string | undefined): boolean {
  return ip !== undefined && ipInCidr(ip, value);
}

const none = (v: string | undefined, what = 'none') => v ?? what;

const principal: AttributeMatcher = {
  httpOnly: false,
  matches: (v, r, ctx) => principalMatches(v, r.principal, ctx),
  describe: (r) => none(r.principal, 'no peer identity (plaintext)'),
};
const namespace: AttributeMatcher = {
  httpOnly: false,
  matches: (v, r) => istioStringMatch(v, r.namespace),
  describe: (r) => none(r.namespace, 'no peer namespace (plaintext)'),
};
const sourceIp: AttributeMatcher = { httpOnly: false, matches: (v, r) => ipMatches(v, r.sourceIp), describe: (r) => none(r.sourceIp, 'source IP unknown') };
const remoteIp: AttributeMatcher = {
  httpOnly: false,
  matches: (v, r) => ipMatches(v, r.remoteIp ?? r.sourceIp),
  describe: (r) => none(r.remoteIp ?? r.sourceIp, 'remote IP unknown'),
};
// Request principals come from a JWT that RequestAuthentication accepted.
const requestPrincipal: AttributeMatcher = {
  httpOnly: true,
  matches: (v, r) => istioStringMatch(v, r.requestPrincipal),
  describe: (r) => none(r.requestPrincipal, 'no request principal (no accepted JWT)'),
};

/** A claim by path (`request.auth.claims[groups]`, nested `[a][b]`); list claims match when any element does. */
function claim(path: string[], what: string): AttributeMatcher {
  const values = (r: RequestAttributes): string[] => {
    let cur: unknown = r.claims;
    for (const p of path) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
    if (cur === undefined || cur === null) return [];
    return Array.isArray(cur) ? cur.map(String) : [String(cur)];
  };
  return { httpOnly: true, matches: (v, r) => values(r).some((x) => istioStringMatch(v, x)), describe: (r) => values(r).join(',') || `no ${what}` };
}
// The Host header as sent, port included: Istio matches `hosts` against it as written (use "h:*" for any port).
const host: AttributeMatcher = { httpOnly: true, matches: (v, r) => istioStringMatch(v, r.host, true), describe: (r) => none(r.host) };
const port: AttributeMatcher = { httpOnly: false, matches: (v, r) => String(v) === String(r.port), describe: (r) => String(r.port) };
const method: AttributeMatcher = { httpOnly: true, matches: (v, r) => istioStringMatch(v, r.method), describe: (r) => none(r.method) };
const path: AttributeMatcher = { httpOnly: true, matches: (v, r) => istioPathMatch(v, r.path), describe: (r) => none(r.path) };
const sni: AttributeMatcher = { httpOnly: false, matches: (v, r) => istioStringMatch(v, r.sni), describe: (r) => none(r.sni, 'no SNI') };
const absentHttp = (what: string): AttributeMatcher => ({ httpOnly: true, matches: () => false, describe: () => what });
const unknown: AttributeMatcher = { httpOnly: false, matches: () => false, describe: () => 'unsupported key' };

/** Source and operation fields, by field name (the `not*` variants reuse these). */
export const FIELD_MATCHERS: Record<string, AttributeMatcher> = {
  principals: principal,
  requestPrincipals: requestPrincipal,
  namespaces: namespace,
  ipBlocks: sourceIp,
  remoteIpBlocks: remoteIp,
  hosts: host,
  ports: port,
  methods: method,
  paths: path,
};

function header(name: string): AttributeMatcher {
  const find = (r: RequestAttributes) => Object.entries(r.headers ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  return { httpOnly: true, matches: (v, r) => istioStringMatch(v, find(r)), describe: (r) => none(find(r), `no ${name} header`) };
}

/** `when` condition keys (Istio "Authorization Policy Conditions"). */
export function conditionMatcher(key: string): AttributeMatcher {
  const headerKey = /^request\.headers\[(.+)\]$/.exec(key);
  if (headerKey) return header(headerKey[1]);
  const claimKey = /^request\.auth\.claims((?:\[[^\]]+\])+)$/.exec(key);
  if (claimKey) return claim([...claimKey[1].matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]), `claim ${claimKey[1]}`);
  if (key === 'request.auth.principal') return requestPrincipal;
  if (key === 'request.auth.audiences') return claim(['aud'], 'audience');
  if (key === 'request.auth.presenter') return claim(['azp'], 'presenter');
  if (key.startsWith('request.auth.')) return absentHttp('no JWT claims');
  if (key.startsWith('experimental.envoy.filters.')) return absentHttp('no filter metadata');
  switch (key) {
    case 'source.ip':
      return sourceIp;
    case 'remote.ip':
      return remoteIp;
    case 'source.namespace':
      return namespace;
    case 'source.principal':
      return principal;
    case 'destination.port':
      return port;
    case 'destination.ip':
      return { httpOnly: false, matches: () => false, describe: () => 'destination IP unknown' };
    case 'connection.sni':
      return sni;
    default:
      return unknown;
  }
}
