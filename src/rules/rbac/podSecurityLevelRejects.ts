// ZT0424: workloads in a namespace labelled pod-security.kubernetes.io/enforce whose pods that level rejects.
import { CORE, isKind, ofKinds } from '../../model/kinds';
import type { Resource } from '../../model/types';
import { getPath } from '../../model/workloads';
import { namespaceOf } from '../../model/workspace';
import { perKinds } from '../templates/perKinds';
import { podView, POD_KINDS, type PssLevel } from '../templates/podSecurityStandards';
import { PSS_CONTROLS } from '../templates/pssControls';
import type { Rule } from '../types';

const ENFORCE = 'pod-security.kubernetes.io/enforce';
/** How many violations a message names before "and N more". */
const NAMED = 3;

/** Namespace name -> the level its enforce label names (baseline or restricted; privileged checks nothing). */
const enforcedLevels = perKinds(['Namespace'], (index) => {
  const out = new Map<string, { level: PssLevel; ns: Resource }>();
  for (const ns of ofKinds(index, 'Namespace')) {
    if (!isKind(ns, CORE, 'Namespace')) continue;
    const level = getPath(ns.obj, ['metadata', 'labels', ENFORCE]);
    if (level === 'baseline' || level === 'restricted') out.set(ns.name, { level, ns });
  }
  return out;
});

export const podSecurityLevelRejects: Rule = {
  meta: {
    id: 'ZT0424',
    pillar: 4,
    severity: 'error',
    title: "Namespace's Pod Security level rejects its pods",
    description:
      'A namespace labelled pod-security.kubernetes.io/enforce makes the API server reject pods that break that level. A workload in it that breaks the level never runs: for a Deployment the ReplicaSet is created and its pods are refused, so the rollout hangs instead of failing at apply time.',
    fixable: false,
    kinds: POD_KINDS,
  },
  checkResource(r, ctx) {
    const pod = podView(r);
    if (!pod) return;
    const enforced = enforcedLevels(ctx.index).get(namespaceOf(r));
    if (!enforced) return;
    const controls = PSS_CONTROLS.filter((c) => c.level === 'baseline' || enforced.level === 'restricted');
    const broken = controls.flatMap((c) => c.check(r, pod).map((v) => `${v.what} (${c.name})`));
    if (broken.length === 0) return;
    const named = broken.slice(0, NAMED).join('; ');
    const more = broken.length > NAMED ? `; and ${broken.length - NAMED} more` : '';
    ctx.report({
      resource: r,
      path: ['metadata', 'name'],
      message: `namespace ${enforced.ns.name} enforces the ${enforced.level} Pod Security level, which rejects pods of ${r.kind} ${r.name}: ${named}${more}; make the pods comply or run them elsewhere`,
    });
  },
};
