// The Pod Security Standards (baseline and restricted) as a table of controls, each finding the places a pod breaks it;
// per-control rules and the namespace-level check (ZT0424) read the same table.
import type { Fix } from '../../fix/types';
import type { FieldPath } from '../../model/position';
import type { Resource } from '../../model/types';
import { containersOf, getPath, isWorkload, podTemplate, WORKLOAD_KINDS, type ContainerRef, type PodTemplate } from '../../model/workloads';
import type { Rule, RuleMeta } from '../types';

export type PssLevel = 'baseline' | 'restricted';

/** One place a pod breaks a control: the field (or the container/pod lacking it), what is wrong, and an optional fix. */
export interface PssViolation {
  path: FieldPath;
  part?: 'key';
  /** Says what is wrong, e.g. "container app does not set allowPrivilegeEscalation: false". */
  what: string;
  fix?: () => Fix | undefined;
}

export interface PssControl {
  /** The control's name in the Pod Security Standards, e.g. "Privilege Escalation". */
  name: string;
  level: PssLevel;
  check(r: Resource, pod: PodView): PssViolation[];
}

/** A workload's pod template and containers, read once per resource. */
export interface PodView {
  tpl: PodTemplate;
  containers: ContainerRef[];
  /** Where the pod-level securityContext is (whether or not it exists). */
  podContextPath: FieldPath;
}

export const POD_KINDS: string[] = [...WORKLOAD_KINDS];

const views = new WeakMap<Resource, PodView | null>();

/** The pod of a workload of the Kubernetes API (apps/v1 Deployment, batch/v1 Job, v1 Pod...), or undefined. */
export function podView(r: Resource): PodView | undefined {
  let view = views.get(r);
  if (view === undefined) {
    const tpl = isWorkload(r) ? podTemplate(r) : undefined;
    view = tpl ? { tpl, containers: containersOf(r), podContextPath: [...tpl.specPath, 'securityContext'] } : null;
    views.set(r, view);
  }
  return view ?? undefined;
}

export function containerName(c: ContainerRef): string {
  return String(c.container.name ?? c.index);
}

/** Where a finding about something a container lacks points: its name, else the container itself. */
export function containerAnchor(c: ContainerRef): FieldPath {
  return typeof c.container.name === 'string' ? [...c.path, 'name'] : c.path;
}

/** A field of the container's securityContext, else of the pod's (for the fields both levels have). */
export function effectiveContext(pod: PodView, c: ContainerRef, field: string): { value: unknown; path: FieldPath } | undefined {
  const own = getPath(c.container, ['securityContext', field]);
  if (own !== undefined && own !== null) return { value: own, path: [...c.path, 'securityContext', field] };
  const podValue = getPath(pod.tpl.spec, ['securityContext', field]);
  if (podValue !== undefined && podValue !== null) return { value: podValue, path: [...pod.podContextPath, field] };
  return undefined;
}

/** A rule for one control (or a few) of the table: each violation becomes a finding on its field. */
export function podSecurityRule(meta: Omit<RuleMeta, 'kinds'>, controls: readonly PssControl[], message: (v: PssViolation, r: Resource) => string): Rule {
  return {
    meta: { ...meta, kinds: POD_KINDS },
    checkResource(r, ctx) {
      const pod = podView(r);
      if (!pod) return;
      for (const control of controls) {
        for (const v of control.check(r, pod)) ctx.report({ resource: r, path: v.path, part: v.part, message: message(v, r), fix: v.fix });
      }
    },
  };
}
