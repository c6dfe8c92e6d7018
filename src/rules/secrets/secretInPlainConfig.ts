// ZT0905: private keys, API tokens or random-looking credentials in ConfigMaps or in annotations.
import type { Resource } from '../../model/types';
import { getPath, podTemplate } from '../../model/workloads';
import type { Rule, RuleContext } from '../types';
import { secretKind } from './secretPatterns';

/** Annotations that legitimately carry opaque blobs or hashes rather than credentials. */
const IGNORED_ANNOTATIONS = /^(kubectl\.kubernetes\.io\/last-applied-configuration|checksum\/|deployment\.kubernetes\.io\/|ztn\.dev\/)/;

/** Longest value read as a literal credential: past this it is a config file, not a password. */
const MAX_LITERAL = 256;
const NOT_A_VALUE = new Set(['true', 'false', 'yes', 'no', 'on', 'off', 'null', 'none', 'enabled', 'disabled', '']);

const CREDENTIAL_WORDS = new Set(['password', 'passwd', 'pass', 'pwd', 'passphrase', 'token', 'secret', 'credential', 'credentials', 'apikey']);
/** "key" is a credential only after these words (api-key, private_key), not in cache-key or sort_key. */
const KEY_QUALIFIERS = new Set(['api', 'access', 'private', 'secret', 'auth', 'signing', 'encryption', 'client', 'master']);

/** The words of a key, split at -, _, ., / and camelCase humps, lower-cased (linear, no pattern). */
function words(key: string): string[] {
  const out: string[] = [];
  let word = '';
  for (let i = 0; i < key.length && i < MAX_LITERAL; i++) {
    const ch = key[i];
    const boundary = ch === '-' || ch === '_' || ch === '.' || ch === '/' || ch === ' ';
    const hump = ch >= 'A' && ch <= 'Z' && i > 0 && key[i - 1] >= 'a' && key[i - 1] <= 'z';
    if ((boundary || hump) && word) {
      out.push(word.toLowerCase());
      word = '';
    }
    if (!boundary) word += ch;
  }
  if (word) out.push(word.toLowerCase());
  return out;
}

/** True when the key names the credential itself (DB_PASSWORD, apiKey, client-secret), not something about it (password-policy, token-ttl). */
function namesCredential(key: string): boolean {
  const w = words(key);
  const last = w[w.length - 1];
  if (last === undefined) return false;
  if (CREDENTIAL_WORDS.has(last)) return true;
  return last === 'key' && w.length > 1 && KEY_QUALIFIERS.has(w[w.length - 2]);
}

/**
 * A one-line literal under a key named like a credential (password: hunter2): not a boolean or number, not a
 * path, URL, template or variable reference, which only point at the secret.
 */
function literalCredential(key: string, value: string): boolean {
  const v = value.trim();
  if (v.length > MAX_LITERAL || v.includes('\n') || NOT_A_VALUE.has(v.toLowerCase()) || !Number.isNaN(Number(v))) return false;
  if (v.startsWith('/') || v.startsWith('$') || v.startsWith('<') || v.startsWith('{{') || v.includes('://')) return false;
  return namesCredential(key);
}

function checkMap(r: Resource, ctx: RuleContext, base: string[], values: unknown, where: string): void {
  if (!values || typeof values !== 'object') return;
  for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
    if (typeof value !== 'string' || (where !== 'data key' && IGNORED_ANNOTATIONS.test(key))) continue;
    const kind = secretKind(key, value) ?? (where === 'data key' && literalCredential(key, value) ? 'a literal credential' : undefined);
    if (!kind) continue;
    ctx.report({
      resource: r,
      path: [...base, key],
      part: 'key',
      message: `${where} ${key} holds ${kind}; move it to a Secret (mounted as a file) or a secret store, and rotate it`,
    });
  }
}

export const secretInPlainConfig: Rule = {
  meta: {
    id: 'ZT0905',
    pillar: 9,
    severity: 'error',
    title: 'Secret in a ConfigMap or annotation',
    description:
      'ConfigMaps and annotations are not treated as secret: RBAC grants them widely, `kubectl describe` prints them, controllers copy annotations, and none of it is encrypted at rest. The rule finds PEM private keys, well-known token formats (AWS, GitHub, Slack, Stripe, Google, JWT, passwords in connection URLs) and random-looking values under secret-like keys; in ConfigMaps, also any one-line literal under a key named like a credential (password, token, secret, api_key...), unless it is a path, URL, template or variable reference. Findings name the key and the kind of secret, never the value.',
    fixable: false,
  },
  checkWorkspace(ctx) {
    for (const file of ctx.index.files.values()) {
      // Re-linting one file: whether findings are wanted goes by file, so other files are skipped whole.
      if (file.resources.length === 0 || !ctx.wants(file.resources[0])) continue;
      for (const r of file.resources) {
        if (r.kind === 'ConfigMap' && r.apiVersion === 'v1') checkMap(r, ctx, ['data'], r.obj.data, 'data key');
        checkMap(r, ctx, ['metadata', 'annotations'], getPath(r.obj, ['metadata', 'annotations']), 'annotation');
        const tpl = podTemplate(r);
        if (tpl && tpl.metadataPath.length > 0) {
          checkMap(r, ctx, [...(tpl.metadataPath as string[]), 'annotations'], tpl.annotations, 'pod annotation');
        }
      }
    }
  },
};
