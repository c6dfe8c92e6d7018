// ZT0905: private keys, API tokens or random-looking credentials in ConfigMaps or in annotations.
import type { Resource } from '../../model/types';
import { getPath, podTemplate } from '../../model/workloads';
import type { Rule, RuleContext } from '../types';
import { secretKind } from './secretPatterns';

/** Annotations that legitimately carry opaque blobs or hashes rather than credentials. */
const IGNORED_ANNOTATIONS = /^(kubectl\.kubernetes\.io\/last-applied-configuration|checksum\/|deployment\.kubernetes\.io\/|ztn\.dev\/)/;

function checkMap(r: Resource, ctx: RuleContext, base: string[], values: unknown, where: string): void {
  if (!values || typeof values !== 'object') return;
  for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
    if (typeof value !== 'string' || (where !== 'data key' && IGNORED_ANNOTATIONS.test(key))) continue;
    const kind = secretKind(key, value);
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
      'ConfigMaps and annotations are not treated as secret: RBAC grants them widely, `kubectl describe` prints them, controllers copy annotations, and none of it is encrypted at rest. The rule finds PEM private keys, well-known token formats (AWS, GitHub, Slack, Stripe, Google, JWT, passwords in connection URLs) and random-looking values under secret-like keys. Findings name the key and the kind of secret, never the value.',
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
