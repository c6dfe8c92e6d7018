// RequestAuthentication for one request, as the sidecar's jwt_authn filter does it: which tokens, which rule, 401 or 403.
import { fieldRange } from '../model/position';
import { getPath, stringMap } from '../model/workloads';
import { matchLabelsSubset } from './labelSelector';
import { clusterOf } from './meshQueries';
import { meshIndex } from './meshIndex';
import type { ExplanationStep, Mesh, MeshPolicy, Workload } from './types';

export interface JwtOutcome {
  /** `iss/sub` of an accepted token. */
  principal?: string;
  /** Its claims, space-delimited claims split into lists as Envoy puts them in the metadata. */
  claims?: Record<string, unknown>;
  /** True when the sidecar refuses the request: a token it cannot accept. */
  rejected: boolean;
  /** 401 for an invalid token (issuer, expiry, form), 403 for a valid one whose audience no rule accepts. */
  status?: 401 | 403;
  steps: ExplanationStep[];
}

/** What of the request besides its headers the filter reads: query parameters and, for CORS preflights, the method. */
export interface JwtRequest {
  path?: string;
  method?: string;
}

type TokenLocation = { kind: 'header'; name: string; prefix: string } | { kind: 'param'; name: string } | { kind: 'cookie'; name: string };

interface JwtRule {
  issuer: string;
  audiences: string[];
  locations: TokenLocation[];
  /** Claims Envoy splits on spaces: always `scope` and `permission`, plus the rule's `spaceDelimitedClaims` (1.28). */
  spaceDelimited: string[];
  policy: MeshPolicy;
}

/**
 * API (JWTRule.fromHeaders): "If no explicit location is specified the following default locations are tried in
 * order: 1) The Authorization header using the Bearer schema ... 2) The `access_token` query parameter". Any
 * explicit location (header, param or cookie) replaces both.
 */
const DEFAULT_LOCATIONS: TokenLocation[] = [
  { kind: 'header', name: 'authorization', prefix: 'Bearer ' },
  { kind: 'param', name: 'access_token' },
];

/** Same scoping as AuthorizationPolicy for sidecars: root namespace and the workload's namespace, by selector; targetRefs are for gateways. */
function policiesFor(mesh: Mesh, workload: Workload): MeshPolicy[] {
  const list = mesh.requestAuthentications;
  if (list.length === 0) return [];
  const root = clusterOf(mesh, workload.cluster).rootNamespace;
  const index = meshIndex(mesh);
  const candidates = [
    ...index.byNamespace(list, workload.cluster, root),
    ...(workload.namespace === root ? [] : index.byNamespace(list, workload.cluster, workload.namespace)),
  ];
  return candidates.filter((p) => {
    const spec = getPath(p.resource.obj, ['spec']);
    if (getPath(spec, ['targetRefs']) !== undefined || getPath(spec, ['targetRef']) !== undefined) return false;
    return matchLabelsSubset(stringMap(getPath(spec, ['selector', 'matchLabels'])), workload.labels);
  });
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** Rules of every policy that selects the workload, sorted by issuer as istiod merges them (policy_applier.go). */
function rulesOf(policies: MeshPolicy[]): JwtRule[] {
  const out: JwtRule[] = [];
  for (const p of policies) {
    const rules = getPath(p.resource.obj, ['spec', 'jwtRules']);
    if (!Array.isArray(rules)) continue;
    for (const r of rules) {
      const headers = getPath(r, ['fromHeaders']);
      const locations: TokenLocation[] = [
        ...(Array.isArray(headers)
          ? headers.map((h): TokenLocation => ({
              kind: 'header',
              name: String(getPath(h, ['name']) ?? '').toLowerCase(),
              prefix: String(getPath(h, ['prefix']) ?? ''),
            }))
          : []),
        ...strings(getPath(r, ['fromParams'])).map((name): TokenLocation => ({ kind: 'param', name })),
        ...strings(getPath(r, ['fromCookies'])).map((name): TokenLocation => ({ kind: 'cookie', name })),
      ];
      out.push({
        issuer: String(getPath(r, ['issuer']) ?? ''),
        audiences: strings(getPath(r, ['audiences'])),
        locations: locations.length > 0 ? locations : DEFAULT_LOCATIONS,
        spaceDelimited: ['scope', 'permission', ...strings(getPath(r, ['spaceDelimitedClaims']))],
        policy: p,
      });
    }
  }
  return out.sort((a, b) => (a.issuer < b.issuer ? -1 : a.issuer > b.issuer ? 1 : 0));
}

function header(headers: Record<string, string>, name: string): string | undefined {
  if (headers[name] !== undefined) return headers[name];
  for (const k in headers) if (k.toLowerCase() === name) return headers[k];
  return undefined;
}

function queryParam(path: string | undefined, name: string): string | undefined {
  const q = path?.indexOf('?') ?? -1;
  if (q < 0) return undefined;
  for (const pair of path!
    .slice(q + 1)
    .split('#')[0]
    .split('&')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (safeDecode(key) === name) return eq < 0 ? '' : safeDecode(pair.slice(eq + 1));
  }
  return undefined;
}

function cookie(headers: Record<string, string>, name: string): string | undefined {
  const value = header(headers, 'cookie');
  if (value === undefined) return undefined;
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq >= 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/**
 * The token at one location, or undefined. A header with a prefix yields a token only when the prefix is in it
 * (Envoy's extractor skips the header otherwise: JWTHeader.prefix "If the header doesn't have this exact prefix,
 * it is considered invalid"); the token then runs to the first character a JWT cannot hold.
 */
function tokenAt(loc: TokenLocation, headers: Record<string, string>, path: string | undefined): string | undefined {
  if (loc.kind === 'param') return queryParam(path, loc.name) || undefined;
  if (loc.kind === 'cookie') return cookie(headers, loc.name) || undefined;
  const value = header(headers, loc.name);
  if (value === undefined) return undefined;
  if (!loc.prefix) return value.trim() || undefined;
  const at = value.indexOf(loc.prefix);
  if (at < 0) return undefined;
  return /^[A-Za-z0-9\-_.=+/]*/.exec(value.slice(at + loc.prefix.length))![0] || undefined;
}

function decodePayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const json = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

interface TokenCheck {
  ok: boolean;
  status?: 401 | 403;
  why: string;
  claims?: Record<string, unknown>;
}

/** One token against one rule, as Envoy's verifier: form, issuer, expiry and not-before, then audiences. */
function checkToken(token: string, rule: JwtRule, nowMs: number): TokenCheck {
  const claims = decodePayload(token);
  if (!claims) return { ok: false, status: 401, why: 'Jwt is not in the form of Header.Payload.Signature with a JSON payload' };
  // A rule with only a jwksUri (validation allows an empty issuer) gives Envoy a provider that checks no issuer.
  if (rule.issuer !== '' && claims.iss !== rule.issuer) return { ok: false, status: 401, why: `Jwt issuer ${String(claims.iss)} is not configured` };
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= nowMs) return { ok: false, status: 401, why: 'Jwt is expired' };
  if (typeof claims.nbf === 'number' && claims.nbf * 1000 > nowMs) return { ok: false, status: 401, why: 'Jwt not yet valid' };
  if (rule.audiences.length > 0) {
    const aud = typeof claims.aud === 'string' ? [claims.aud] : strings(claims.aud);
    if (!aud.some((a) => rule.audiences.includes(a)))
      return {
        ok: false,
        status: 403,
        why: `Audiences in Jwt are not allowed (aud ${aud.length ? aud.join(', ') : 'none'}, rule wants ${rule.audiences.join(', ')})`,
      };
  }
  return { ok: true, why: 'accepted', claims };
}

/** Envoy `normalize_payload_in_metadata.space_delimited_claims`: such string claims become lists. */
function splitClaims(claims: Record<string, unknown>, names: string[]): Record<string, unknown> {
  let out = claims;
  for (const name of names) {
    const v = claims[name];
    if (typeof v !== 'string') continue;
    if (out === claims) out = { ...claims };
    out[name] = v.split(' ').filter((s) => s.length > 0);
  }
  return out;
}

interface ProviderResult {
  rule: JwtRule;
  /** No token at this rule's locations. */
  missing: boolean;
  check?: TokenCheck;
}

/** One rule as one Envoy provider: its tokens (from its own locations) must all pass. */
function runProvider(rule: JwtRule, headers: Record<string, string>, path: string | undefined, nowMs: number): ProviderResult {
  let check: TokenCheck | undefined;
  for (const loc of rule.locations) {
    const token = tokenAt(loc, headers, path);
    if (token === undefined) continue;
    const c = checkToken(token, rule, nowMs);
    if (!c.ok) return { rule, missing: false, check: c };
    check ??= c;
  }
  return check ? { rule, missing: false, check } : { rule, missing: true };
}

const where = (l: TokenLocation) =>
  l.kind === 'header' ? `header ${l.name}${l.prefix ? ` (prefix '${l.prefix}')` : ''}` : l.kind === 'param' ? `query parameter ${l.name}` : `cookie ${l.name}`;

/**
 * "It will reject a request if the request contains invalid authentication information ... A request that does not
 * contain any authentication credentials will be accepted but will not have any authenticated identity." istiod
 * gives Envoy one provider per rule and the requirement `requires_any{P1..Pn, requires_all{Pi or missing}}`
 * (policy_applier.go): the request passes when some rule accepts the tokens at its locations, or no rule finds one.
 * The signature cannot be checked from manifests: a token is taken as signed by its issuer.
 */
export function authenticateRequest(
  mesh: Mesh,
  workload: Workload,
  headers: Record<string, string>,
  nowMs: number = Date.now(),
  request: JwtRequest = {},
): JwtOutcome {
  const policies = policiesFor(mesh, workload);
  if (policies.length === 0) return { rejected: false, steps: [] };
  const rules = meshIndex(mesh).memo('jwt-rules', workload, () => rulesOf(policies));
  if (rules.length === 0) return { rejected: false, steps: [] };
  const first = policies[0].source;
  // bypass_cors_preflight: an OPTIONS request with Origin and Access-Control-Request-Method skips JWT checks.
  if (request.method === 'OPTIONS' && header(headers, 'origin') !== undefined && header(headers, 'access-control-request-method') !== undefined) {
    return { rejected: false, steps: [{ step: 'authorization', ...first, detail: 'CORS preflight: JWT not checked (bypass_cors_preflight)' }] };
  }
  const results = rules.map((r) => runProvider(r, headers, request.path, nowMs));
  const accepted = results.find((r) => r.check?.ok);
  if (accepted) {
    const claims = splitClaims(accepted.check!.claims!, accepted.rule.spaceDelimited);
    const principal = `${String(claims.iss)}/${String(claims.sub ?? '')}`;
    return {
      principal,
      claims,
      rejected: false,
      steps: [
        {
          step: 'authorization',
          ...accepted.rule.policy.source,
          detail: `JWT from ${String(claims.iss)} accepted (signature not checked): request principal ${principal}`,
        },
      ],
    };
  }
  const failed = results.filter((r) => !r.missing);
  if (failed.length === 0) {
    const places = [...new Set(rules.flatMap((r) => r.locations.map(where)))].join(', ');
    return {
      rejected: false,
      steps: [{ step: 'authorization', ...first, detail: `no JWT in the request (looked in ${places}): accepted without a request principal` }],
    };
  }
  // Several rules failing: the one for the token's own issuer says what is wrong with it.
  const telling = failed.find((r) => !/is not configured/.test(r.check!.why)) ?? failed[0];
  const status = telling.check!.status!;
  return { rejected: true, status, steps: [{ step: 'authorization', ...telling.rule.policy.source, detail: `${telling.check!.why}: ${status}` }] };
}

/**
 * What Istio's validation rejects in a RequestAuthentication's jwtRules (pkg/config/validation/validation.go
 * validateJwtRule), each at its field's 1-based line.
 */
export function requestAuthenticationProblems(p: MeshPolicy): { line: number; message: string }[] {
  const out: { line: number; message: string }[] = [];
  const rules = getPath(p.resource.obj, ['spec', 'jwtRules']);
  if (!Array.isArray(rules)) return out;
  const at = (path: (string | number)[], message: string) =>
    out.push({
      line: fieldRange(p.resource, ['spec', 'jwtRules', ...path]).start.line + 1,
      message: `jwtRules[${path[0]}]: ${message}: Istio rejects the policy`,
    });
  rules.forEach((r, i) => {
    const issuer = String(getPath(r, ['issuer']) ?? '');
    const jwksUri = String(getPath(r, ['jwksUri']) ?? '');
    if (issuer === '' && jwksUri === '') at([i], 'issuer or jwksUri must be non-empty string');
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(jwksUri)?.[1];
    if (jwksUri !== '' && scheme !== 'http' && scheme !== 'https') at([i, 'jwksUri'], `URI scheme "${scheme ?? ''}" is not supported`);
    strings(getPath(r, ['audiences'])).forEach((a, j) => a === '' && at([i, 'audiences', j], 'audience must be non-empty string'));
    const headers = getPath(r, ['fromHeaders']);
    (Array.isArray(headers) ? headers : []).forEach((h, j) => {
      if (String(getPath(h, ['name']) ?? '') === '') at([i, 'fromHeaders', j], 'location header name must be non-empty string');
    });
    strings(getPath(r, ['fromParams'])).forEach((v, j) => v === '' && at([i, 'fromParams', j], 'location query must be non-empty string'));
    strings(getPath(r, ['fromCookies'])).forEach((v, j) => v === '' && at([i, 'fromCookies', j], 'cookie name must be non-empty string'));
  });
  return out;
}
