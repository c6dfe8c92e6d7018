// Istio's string matching for AuthorizationPolicy values (exact, `*abc`, `abc*`, `*`), and paths as the sidecar matches them.

/**
 * Istio's `StringMatcherWithPrefix` (pilot/pkg/security/authz/matcher/string.go): `*` matches any non-empty value,
 * a leading `*` makes a suffix match (checked before a trailing one, so `*a*` is the literal suffix `a*`), a
 * trailing `*` a prefix match, anything else (a `*` in the middle included) an exact match.
 */
export function istioStringMatch(pattern: string, value: string | undefined, caseInsensitive = false): boolean {
  if (value === undefined) return false;
  const p = caseInsensitive ? pattern.toLowerCase() : pattern;
  const v = caseInsensitive ? value.toLowerCase() : value;
  if (p === '*') return v.length > 0;
  if (p.startsWith('*')) return v.endsWith(p.slice(1));
  if (p.endsWith('*')) return v.startsWith(p.slice(0, -1));
  return p === v;
}

/** Istio's header matcher (matcher/header.go): the same forms, but `*` only asks for the header to be present. */
export function istioHeaderMatch(pattern: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  return pattern === '*' || istioStringMatch(pattern, value);
}

const MATCH_ONE = '{*}';
const MATCH_ANY = '{**}';
/** RFC 3986 pchar, as Istio validates template literals (pkg/config/security/security.go `validLiteral`). */
const PCHAR = "a-zA-Z0-9\\-._~%!$&'()+,;:@=";
const VALID_LITERAL = new RegExp(`^[${PCHAR}]+$`);

export function containsPathTemplate(value: string): boolean {
  return value.includes(MATCH_ONE) || value.includes(MATCH_ANY);
}

/**
 * Istio's `CheckValidPathTemplate`: why validation rejects a `paths`/`notPaths` value, or undefined when it is
 * accepted. Values without `{*}`/`{**}` are only checked for braces.
 */
export function pathTemplateError(value: string): string | undefined {
  if (value === '') return 'empty value not allowed';
  const template = containsPathTemplate(value);
  let foundAny = false;
  for (const glob of trimSlashes(value).split('/')) {
    if ((glob === MATCH_ONE || glob === MATCH_ANY) && foundAny) return `invalid path template ${value}: {**} is not the last operator`;
    if (glob === MATCH_ONE) continue;
    if (glob === MATCH_ANY) {
      foundAny = true;
      continue;
    }
    if (/[{}]/.test(glob)) return `invalid path ${value}: contains '{' or '}' beyond a supported path template`;
    if (template && !VALID_LITERAL.test(glob)) return `invalid path template ${value}: segment '${glob}' is not a valid literal`;
  }
  return undefined;
}

/** `value` without leading and trailing slashes (the pattern /^\/+|\/+$/g re-read a long run of slashes from each of them). */
function trimSlashes(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && value[start] === '/') start++;
  while (end > start && value[end - 1] === '/') end--;
  return value.slice(start, end);
}

/**
 * Envoy's uri_template matcher for a template Istio sends as is (`{*}` -> `*`, `{**}` -> `**`): `*` is one or more
 * pchar within a segment, `**` zero or more pchar or `/`; the whole path must match.
 */
const templates = new Map<string, RegExp>();
function templateRegex(pattern: string): RegExp {
  let re = templates.get(pattern);
  if (!re) {
    const parts = pattern
      .split(/(\{\*\*\}|\{\*\})/)
      .map((part) => (part === MATCH_ANY ? `[${PCHAR}/]*` : part === MATCH_ONE ? `[${PCHAR}]+` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    re = new RegExp(`^${parts.join('')}$`);
    templates.set(pattern, re);
  }
  return re;
}

/**
 * A `paths` value against the path the sidecar's authorization sees (`normalizePath`): templates with `{*}`/`{**}`
 * anywhere, else the usual exact/prefix/suffix/non-empty rules on the whole path (case-sensitive).
 */
export function istioPathMatch(pattern: string, path: string | undefined): boolean {
  if (path === undefined) return false;
  if (containsPathTemplate(pattern)) return templateRegex(pattern).test(path);
  return istioStringMatch(pattern, path);
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;
export type PathNormalization = 'NONE' | 'BASE' | 'MERGE_SLASHES' | 'DECODE_AND_MERGE_SLASHES';
let lastRaw: string | undefined;
let lastMode: PathNormalization | undefined;
let lastNormalized = '';

/**
 * The request path as authorization compares it under the mesh's path normalization (default BASE: Envoy
 * `normalize_path`, no slash merging): query and fragment removed; unless NONE, `\` made `/`, percent-encoded
 * unreserved characters decoded once, `.` and `..` segments resolved (RFC 3986 5.2.4); MERGE_SLASHES also merges
 * slashes; DECODE_AND_MERGE_SLASHES first decodes `%2F` and `%5C` (listener_builder.go; istio.io "Authorization
 * Policy Normalization"). The last answer is kept: a request is matched against many `paths` values.
 */
export function normalizePath(raw: string, mode: PathNormalization = 'BASE'): string {
  if (raw === lastRaw && mode === lastMode) return lastNormalized;
  let path = raw;
  const cut = path.search(/[?#]/);
  if (cut >= 0) path = path.slice(0, cut);
  if (mode !== 'NONE') {
    if (mode === 'DECODE_AND_MERGE_SLASHES') path = path.replace(/%2[fF]/g, '/').replace(/%5[cC]/g, '\\');
    path = path.replace(/\\/g, '/');
    if (path.includes('%')) {
      path = path.replace(/%([0-9a-fA-F]{2})/g, (whole, hex: string) => {
        const c = String.fromCharCode(parseInt(hex, 16));
        return UNRESERVED.test(c) ? c : `%${hex.toUpperCase()}`;
      });
    }
    if (path.includes('.')) path = removeDotSegments(path);
    if (mode !== 'BASE' && path.includes('//')) path = path.replace(/\/{2,}/g, '/');
  }
  lastRaw = raw;
  lastMode = mode;
  lastNormalized = path;
  return path;
}

function removeDotSegments(path: string): string {
  const segments = path.split('/');
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    const last = i === segments.length - 1;
    if (s === '.' || s === '..') {
      if (s === '..' && out.length > 1) out.pop();
      // A trailing dot segment leaves the directory: `/a/b/..` is `/a/`.
      if (last) out.push('');
      continue;
    }
    out.push(s);
  }
  const joined = out.join('/');
  return joined.startsWith('/') ? joined : `/${joined}`;
}
