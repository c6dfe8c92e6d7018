// ZT0210: workloads that leave Linkerd's mesh in a meshed namespace (linkerd.io/inject: disabled) or skip ports from its proxy.
import { setField } from '../../fix/yamlEdit';
import { ofKinds } from '../../model/kinds';
import { stringMap, getPath } from '../../model/workloads';
import { namespaceOf } from '../../model/workspace';
import { perKinds } from '../templates/perKinds';
import { podView, POD_KINDS } from '../templates/podSecurityStandards';
import type { Rule } from '../types';

const INJECT = 'linkerd.io/inject';
const SKIPS: Record<string, string> = {
  'config.linkerd.io/skip-inbound-ports': 'inbound connections to port',
  'config.linkerd.io/skip-outbound-ports': 'outbound connections to port',
};

/** Namespaces the workspace declares with linkerd.io/inject: enabled. */
const meshedNamespaces = perKinds(['Namespace'], (index) => {
  const out = new Set<string>();
  for (const ns of ofKinds(index, 'Namespace')) {
    if (stringMap(getPath(ns.obj, ['metadata', 'annotations']))[INJECT] === 'enabled') out.add(ns.name);
  }
  return out;
});

export const linkerdProxyOptOut: Rule = {
  meta: {
    id: 'ZT0210',
    pillar: 2,
    severity: 'warning',
    title: 'Workload bypasses the Linkerd proxy',
    description:
      'In a namespace annotated linkerd.io/inject: enabled, a pod template with linkerd.io/inject: disabled runs without the proxy: no mTLS, no identity, no Server/AuthorizationPolicy checks. config.linkerd.io/skip-inbound-ports and skip-outbound-ports do the same for the listed ports of meshed pods.',
    fixable: true,
    fixNeedsReview: true,
    kinds: POD_KINDS,
  },
  checkResource(r, ctx) {
    const pod = podView(r);
    if (!pod) return;
    const own = pod.tpl.annotations[INJECT];
    const meshed = own === 'enabled' || meshedNamespaces(ctx.index).has(namespaceOf(r));
    if (!meshed) return;
    const injectPath = [...pod.tpl.metadataPath, 'annotations', INJECT];
    if (own === 'disabled') {
      ctx.report({
        resource: r,
        path: injectPath,
        message: `pods of ${r.kind} ${r.name} opt out of the Linkerd proxy in meshed namespace ${namespaceOf(r)}, so their traffic has no mTLS and no identity; set ${INJECT}: enabled (or remove it)`,
        // Not safe: the workload may have opted out because it breaks with a proxy (jobs that never exit, host networking).
        fix: () => ({ title: 'Inject the Linkerd proxy', safe: false, edits: setField(r, injectPath, 'enabled') }),
      });
      return;
    }
    for (const [key, what] of Object.entries(SKIPS)) {
      const value = pod.tpl.annotations[key];
      if (value === undefined || value.trim() === '') continue;
      ctx.report({
        resource: r,
        path: [...pod.tpl.metadataPath, 'annotations', key],
        message: `pods of ${r.kind} ${r.name} let ${what} ${value.slice(0, 200)} bypass the Linkerd proxy (no mTLS, no policy); remove ${key} unless the protocol cannot be proxied`,
      });
    }
  },
};
