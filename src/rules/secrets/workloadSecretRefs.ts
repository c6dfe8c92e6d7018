// Every place a workload's pod spec touches a Secret or a credential: env, envFrom, volumes, with field paths.
import type { FieldPath } from '../../model/position';
import type { Resource } from '../../model/types';
import { containersOf, getPath, podTemplate } from '../../model/workloads';

export interface EnvVarRef {
  path: FieldPath;
  container: string;
  env: Record<string, unknown>;
}

/** env entries of every container, with their paths. */
export function envVars(r: Resource): EnvVarRef[] {
  return containersOf(r).flatMap((c) => {
    const env = c.container.env;
    if (!Array.isArray(env)) return [];
    return env.flatMap((e, i) => (e && typeof e === 'object' ? [{ path: [...c.path, 'env', i], container: String(c.container.name ?? ''), env: e as Record<string, unknown> }] : []));
  });
}

/** envFrom entries of every container. */
export function envFromSources(r: Resource): { path: FieldPath; source: Record<string, unknown> }[] {
  return containersOf(r).flatMap((c) => {
    const list = c.container.envFrom;
    if (!Array.isArray(list)) return [];
    return list.flatMap((s, i) => (s && typeof s === 'object' ? [{ path: [...c.path, 'envFrom', i], source: s as Record<string, unknown> }] : []));
  });
}

/** Pod volumes, with their paths. */
export function podVolumes(r: Resource): { path: FieldPath; volume: Record<string, unknown> }[] {
  const tpl = podTemplate(r);
  const volumes = tpl?.spec.volumes;
  if (!tpl || !Array.isArray(volumes)) return [];
  return volumes.flatMap((v, i) => (v && typeof v === 'object' ? [{ path: [...tpl.specPath, 'volumes', i], volume: v as Record<string, unknown> }] : []));
}

export function podSecurityContext(r: Resource): Record<string, unknown> {
  const sc = getPath(podTemplate(r)?.spec, ['securityContext']);
  return sc && typeof sc === 'object' ? (sc as Record<string, unknown>) : {};
}
