// Where Istio's mesh-wide settings live in manifests: IstioOperator, the Sail `Istio` resource, or the istio ConfigMap.
import { ofKinds } from '../../model/kinds';
import { parse } from 'yaml';
import type { FieldPath } from '../../model/position';
import type { Resource } from '../../model/types';
import type { WorkspaceIndex } from '../../model/workspace';
import { getPath } from '../../model/workloads';
import { perRun } from './perRun';

export interface MeshConfigSource {
  resource: Resource;
  /** The MeshConfig object (meshConfig of an operator resource, or the parsed `mesh` text of the ConfigMap). */
  mesh: Record<string, unknown>;
  /** Field path of the MeshConfig inside the resource; undefined when it is embedded text (ConfigMap). */
  meshPath?: FieldPath;
  /** `values.global` of an operator resource (meshID, network), when the resource has values. */
  global: Record<string, unknown>;
  globalPath?: FieldPath;
}

function record(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export const MESH_CONFIG_KINDS = ['IstioOperator', 'Istio', 'ConfigMap'];

/** The mesh config carried by `r`, or undefined when `r` carries none. */
export function meshConfigOf(r: Resource): MeshConfigSource | undefined {
  if (r.kind === 'IstioOperator' && r.apiVersion.startsWith('install.istio.io/')) {
    return {
      resource: r,
      mesh: record(getPath(r.obj, ['spec', 'meshConfig'])),
      meshPath: ['spec', 'meshConfig'],
      global: record(getPath(r.obj, ['spec', 'values', 'global'])),
      globalPath: ['spec', 'values', 'global'],
    };
  }
  if (r.kind === 'Istio' && r.apiVersion.startsWith('sailoperator.io/')) {
    return {
      resource: r,
      mesh: record(getPath(r.obj, ['spec', 'values', 'meshConfig'])),
      meshPath: ['spec', 'values', 'meshConfig'],
      global: record(getPath(r.obj, ['spec', 'values', 'global'])),
      globalPath: ['spec', 'values', 'global'],
    };
  }
  // istiod reads its mesh config from the `istio` ConfigMap (or `istio-<revision>`) as YAML text.
  if (r.kind === 'ConfigMap' && /^istio(-[a-z0-9-]+)?$/.test(r.name) && typeof getPath(r.obj, ['data', 'mesh']) === 'string') {
    let mesh: Record<string, unknown>;
    try {
      mesh = record(parse(getPath(r.obj, ['data', 'mesh']) as string, { maxAliasCount: 100 }));
    } catch {
      return undefined; // unparsable embedded text: nothing reliable to check
    }
    return { resource: r, mesh, global: {} };
  }
  return undefined;
}

/** Where a finding about mesh field `sub` points: the field (or its nearest parent), or the `mesh` key of the ConfigMap. */
export function meshFieldLocation(src: MeshConfigSource, sub: FieldPath): { path: FieldPath; part: 'value' | 'key' } {
  return src.meshPath ? { path: [...src.meshPath, ...sub], part: 'value' } : { path: ['data', 'mesh'], part: 'key' };
}

/** Every mesh config source of the workspace, built once per run. */
export const meshConfigs: (index: WorkspaceIndex) => MeshConfigSource[] = perRun((index) =>
  ofKinds(index, ...MESH_CONFIG_KINDS).flatMap((r) => meshConfigOf(r) ?? []),
);
