// Every place a workload's pod spec touches a Secret or a credential: env, envFrom, volumes, with field paths.
import type { FieldPath } from '../../model/position';
import type { Resource } from '../../model/types';
import { containersOf, getPath, podTemplate } from '../../model/workloads';

export interface EnvVarRef {
  path: FieldPath;
  container: string;
  env: Record<string, unknown>;
}

interface PodSecretView {
  envVars: EnvVarRef[];
  envFrom: { path: FieldPath; source: Record<string, unknown> }[];
  volumes: { path: FieldPath; volume: Record<string, unknown> }[];
  securityContext: Record<string, unknown>;
}

function record(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

// Several secrets rules read the same pod spec; a resource object is replaced when its file is
// re-parsed, so the view is computed once per resource and never goes stale.
const views = new WeakMap<Resource, PodSecretView>();

function viewOf(r: Resource): PodSecretView {
  let view = views.get(r);
  if (view) return view;
  view = { envVars: [], envFrom: [], volumes: [], securityContext: {} };
  for (const c of containersOf(r)) {
    const env = c.container.env;
    if (Array.isArray(env))
      env.forEach((e, i) => record(e) && view!.envVars.push({ path: [...c.path, 'env', i], container: String(c.container.name ?? ''), env: e }));
    const envFrom = c.container.envFrom;
    if (Array.isArray(envFrom)) envFrom.forEach((s, i) => record(s) && view!.envFrom.push({ path: [...c.path, 'envFrom', i], source: s }));
  }
  const tpl = podTemplate(r);
  if (tpl) {
    const volumes = tpl.spec.volumes;
    if (Array.isArray(volumes)) volumes.forEach((v, i) => record(v) && view!.volumes.push({ path: [...tpl.specPath, 'volumes', i], volume: v }));
    const sc = getPath(tpl.spec, ['securityContext']);
    if (record(sc)) view.securityContext = sc;
  }
  views.set(r, view);
  return view;
}

/** env entries of every container, with their paths. */
export function envVars(r: Resource): EnvVarRef[] {
  return viewOf(r).envVars;
}

/** envFrom entries of every container. */
export function envFromSources(r: Resource): { path: FieldPath; source: Record<string, unknown> }[] {
  return viewOf(r).envFrom;
}

/** Pod volumes, with their paths. */
export function podVolumes(r: Resource): { path: FieldPath; volume: Record<string, unknown> }[] {
  return viewOf(r).volumes;
}

export function podSecurityContext(r: Resource): Record<string, unknown> {
  return viewOf(r).securityContext;
}
