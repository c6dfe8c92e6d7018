// ZT0411: pods that may run as root because neither the pod nor every container requires a non-root user.
import { setField } from '../../fix/yamlEdit';
import { containersOf, getPath, podTemplate, WORKLOAD_KINDS } from '../../model/workloads';
import type { Rule } from '../types';

/** A container runs as non-root when it (or, failing that, the pod) says runAsNonRoot: true or a non-zero runAsUser. */
function nonRoot(ctx: unknown): boolean | undefined {
  const flag = getPath(ctx, ['runAsNonRoot']);
  const user = getPath(ctx, ['runAsUser']);
  if (flag === false || user === 0) return false;
  if (flag === true || (typeof user === 'number' && user > 0)) return true;
  return undefined;
}

export const runAsRoot: Rule = {
  meta: {
    id: 'ZT0411',
    pillar: 4,
    severity: 'warning',
    title: 'Pod may run as root',
    description:
      'Without runAsNonRoot: true (or a non-zero runAsUser) the container runs as whatever user the image says, usually root; a container escape or a writable host mount then starts from uid 0.',
    fixable: true,
    kinds: [...WORKLOAD_KINDS],
  },
  checkResource(r, ctx) {
    const tpl = podTemplate(r);
    if (!tpl) return;
    const podPath = [...tpl.specPath, 'securityContext', 'runAsNonRoot'];
    const pod = nonRoot(tpl.spec.securityContext);
    const containers = containersOf(r).filter((c) => c.group !== 'ephemeralContainers');
    let explicitRoot = false;
    for (const c of containers) {
      if (nonRoot(c.container.securityContext) !== false) continue;
      explicitRoot = true;
      const field = getPath(c.container, ['securityContext', 'runAsNonRoot']) === false ? 'runAsNonRoot' : 'runAsUser';
      ctx.report({
        resource: r,
        path: [...c.path, 'securityContext', field],
        message: `container ${String(c.container.name ?? c.index)} explicitly runs as root; run it as a non-root user`,
      });
    }
    if (explicitRoot || pod === true) return;
    if (containers.length > 0 && containers.every((c) => nonRoot(c.container.securityContext) === true)) return;
    ctx.report({
      resource: r,
      path:
        pod === false
          ? [...tpl.specPath, 'securityContext', getPath(tpl.spec, ['securityContext', 'runAsNonRoot']) === false ? 'runAsNonRoot' : 'runAsUser']
          : ['metadata', 'name'],
      message: `pods of ${r.kind} ${r.name} may run as root; set securityContext.runAsNonRoot: true in the pod spec`,
      // The pod-level flag only makes the kubelet refuse root images; a pod-level runAsUser: 0 needs a human decision.
      fix:
        getPath(tpl.spec, ['securityContext', 'runAsUser']) === 0
          ? undefined
          : () => ({ title: 'Require a non-root user', safe: true, edits: setField(r, podPath, true) }),
    });
  },
};
