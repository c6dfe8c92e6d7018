// Where the pod template lives in each workload kind, so rules and the simulator read pods one way.
import { APPS, BATCH, CORE, isKind } from './kinds';
import type { FieldPath } from './position';
import type { Resource } from './types';

export const WORKLOAD_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'] as const;

export interface PodTemplate {
  /** Field path of the pod template's metadata and spec inside the resource. */
  metadataPath: FieldPath;
  specPath: FieldPath;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: Record<string, unknown>;
}

const TEMPLATE_PATHS: Record<string, FieldPath> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** The API group of each workload kind: an Argo Rollout or a Knative Service is not a Deployment or a Pod. */
const WORKLOAD_GROUPS: Record<string, string> = {
  Pod: CORE,
  ReplicationController: CORE,
  Deployment: APPS,
  StatefulSet: APPS,
  DaemonSet: APPS,
  ReplicaSet: APPS,
  Job: BATCH,
  CronJob: BATCH,
};

export function isWorkload(r: Pick<Resource, 'kind' | 'apiVersion'>): boolean {
  return Object.hasOwn(WORKLOAD_GROUPS, r.kind) && isKind(r, WORKLOAD_GROUPS[r.kind], r.kind);
}

export function getPath(obj: unknown, path: FieldPath): unknown {
  let cur: unknown = obj;
  for (const step of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[step];
  }
  return cur;
}

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, val] of Object.entries(v)) if (val !== null && val !== undefined) out[k] = String(val);
  }
  return out;
}

/**
 * Many rules ask for the same workload's pod template; a resource never changes after parsing (an edit
 * makes new resources), so the answer is kept per resource.
 */
const templates = new WeakMap<Resource, PodTemplate | null>();

export function podTemplate(r: Resource): PodTemplate | undefined {
  let tpl = templates.get(r);
  if (tpl === undefined) {
    tpl = readPodTemplate(r) ?? null;
    templates.set(r, tpl);
  }
  return tpl ?? undefined;
}

function readPodTemplate(r: Resource): PodTemplate | undefined {
  const base = TEMPLATE_PATHS[r.kind];
  if (!base || !isWorkload(r)) return undefined;
  const tpl = getPath(r.obj, base);
  if (!tpl || typeof tpl !== 'object') return undefined;
  const meta = getPath(tpl, ['metadata']);
  const spec = getPath(tpl, ['spec']);
  return {
    metadataPath: [...base, 'metadata'],
    specPath: [...base, 'spec'],
    labels: stringMap(getPath(meta, ['labels'])),
    annotations: stringMap(getPath(meta, ['annotations'])),
    spec: spec && typeof spec === 'object' && !Array.isArray(spec) ? (spec as Record<string, unknown>) : {},
  };
}

export interface ContainerRef {
  /** 'containers' | 'initContainers' | 'ephemeralContainers' */
  group: string;
  index: number;
  path: FieldPath;
  container: Record<string, unknown>;
}

const containers = new WeakMap<Resource, ContainerRef[]>();

/** Every container of a workload, with its field path for exact ranges. */
export function containersOf(r: Resource): ContainerRef[] {
  let list = containers.get(r);
  if (!list) {
    list = readContainers(r);
    containers.set(r, list);
  }
  return list;
}

function readContainers(r: Resource): ContainerRef[] {
  const tpl = podTemplate(r);
  if (!tpl) return [];
  const out: ContainerRef[] = [];
  for (const group of ['initContainers', 'containers', 'ephemeralContainers']) {
    const list = tpl.spec[group];
    if (!Array.isArray(list)) continue;
    list.forEach((c, index) => {
      if (c && typeof c === 'object') out.push({ group, index, path: [...tpl.specPath, group, index], container: c as Record<string, unknown> });
    });
  }
  return out;
}

export { stringMap };
