// Recognising secret material without ever echoing it: secret-like names, key/token formats, entropy.
import { scannedPart } from '../scanLimit';

/** Names that say "this is a credential": PASSWORD, DB_PASS, API_KEY, AUTH_TOKEN, CLIENT_SECRET... */
const SECRET_NAME = /(^|[^a-z])(pass(word|wd)?|pwd|token|secret|api[-_]?key|access[-_]?key|private[-_]?key|credentials?|auth[-_]?key)([^a-z]|$)/i;
/** ...unless the name says the value only points at the secret (a file, a URL, a name, a length). */
const POINTER_SUFFIX = /[-_.](file|path|dir|url|uri|name|ref|endpoint|host|ttl|length|len|size|enabled|header|type|id|version|expiry|expiration|mode)$/i;

export function isSecretName(name: string): boolean {
  // authToken and AUTH_TOKEN are the same name: split camelCase into words first.
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
  return SECRET_NAME.test(words) && !POINTER_SUFFIX.test(words);
}

/** Characters of a URL scheme (RFC 3986), and of a URL's user name or password as this check reads them. */
const SCHEME_CHAR = /[a-z0-9+.-]/i;
const USERINFO_CHAR = /[^\s:/@]/;

/**
 * `scheme://user:password@` with a password of three characters or more. Found from each `://` rather
 * than by one pattern over the whole value: a pattern starting with `[a-z][a-z0-9+.-]*` tries every
 * position of a long word and reads the rest of it each time (quadratic). Each character is read
 * at most twice here: once back from the `://` after it, once forward from the one before it.
 */
export function hasPasswordInUrl(value: string): boolean {
  for (let at = value.indexOf('://'); at >= 0; at = value.indexOf('://', at + 1)) {
    let start = at;
    while (start > 0 && SCHEME_CHAR.test(value[start - 1])) start--;
    if (!/[a-z]/i.test(value.slice(start, at))) continue; // a scheme starts with a letter
    let i = at + 3;
    const userStart = i;
    while (i < value.length && USERINFO_CHAR.test(value[i])) i++;
    if (i === userStart || value[i] !== ':') continue;
    const passwordStart = ++i;
    while (i < value.length && USERINFO_CHAR.test(value[i])) i++;
    if (i - passwordStart >= 3 && value[i] === '@') return true;
  }
  return false;
}

/** Well-known credential formats, named for the message; each runs in time linear in the value (no pattern starts with an unbounded repeat). */
const TOKEN_FORMATS: [string, { test(value: string): boolean }][] = [
  ['a private key', /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/],
  ['an AWS access key', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['a GitHub token', /\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{40,}\b/],
  ['a Slack token', /\bxox[abposr]-[A-Za-z0-9-]{10,}/],
  ['a Stripe secret key', /\b[sr]k_live_[A-Za-z0-9]{16,}/],
  ['a Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['a JSON Web Token', /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/],
  ['a password in a connection URL', { test: hasPasswordInUrl }],
];

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Random-looking single tokens (base64/hex keys): long, no spaces, high entropy. */
export function looksRandom(value: string): boolean {
  const v = value.trim();
  return v.length >= 20 && !/\s/.test(v) && !/^https?:\/\//.test(v) && entropy(v) >= 4;
}

/**
 * What kind of secret `value` holds, or undefined. A value under a secret-like `name` counts when it
 * looks random; known formats count under any name.
 */
export function secretKind(name: string, value: string): string | undefined {
  const scanned = scannedPart(value);
  for (const [kind, format] of TOKEN_FORMATS) if (format.test(scanned)) return kind;
  if (isSecretName(scannedPart(name)) && looksRandom(scanned)) return 'a high-entropy token';
  return undefined;
}
