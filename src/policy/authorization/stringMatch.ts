// Istio's string matching for AuthorizationPolicy values: exact, prefix `abc*`, suffix `*abc`, presence `*`, path templates.

/** `*` matches any non-empty value; `abc*` a prefix; `*abc` a suffix; anything else exactly. */
export function istioStringMatch(pattern: string, value: string | undefined, caseInsensitive = false): boolean {
  if (value === undefined) return false;
  const p = caseInsensitive ? pattern.toLowerCase() : pattern;
  const v = caseInsensitive ? value.toLowerCase() : value;
  if (p === '*') return v.length > 0;
  if (p.length > 1 && p.endsWith('*')) return v.startsWith(p.slice(0, -1));
  if (p.length > 1 && p.startsWith('*')) return v.endsWith(p.slice(1));
  return p === v;
}

/**
 * Paths: `{*}` matches exactly one path segment and `{**}` any number of segments (only last), as Istio's
 * path templates; otherwise the usual exact/prefix/suffix/presence rules. The query string never takes part.
 */
export function istioPathMatch(pattern: string, rawPath: string | undefined): boolean {
  if (rawPath === undefined) return false;
  const path = rawPath.split('?')[0].split('#')[0];
  if (!pattern.includes('{*')) return istioStringMatch(pattern, path);
  const pSegs = pattern.split('/');
  const vSegs = path.split('/');
  for (let i = 0; i < pSegs.length; i++) {
    const seg = pSegs[i];
    // The rest of the path after the preceding '/': `/a/{**}` matches `/a/` and below, not `/a`.
    if (seg === '{**}') return i === pSegs.length - 1 && vSegs.length > i;
    if (i >= vSegs.length) return false;
    if (seg === '{*}') {
      if (vSegs[i].length === 0) return false;
      continue;
    }
    if (seg !== vSegs[i]) return false;
  }
  return pSegs.length === vSegs.length;
}
