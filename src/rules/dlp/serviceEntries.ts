// Reading ServiceEntries as egress declarations: external or not, hosts, addresses, ports.
import { isKind, ISTIO_NETWORKING } from '../../model/kinds';
import type { Resource } from '../../model/types';
import { getPath } from '../../model/workloads';

/** MESH_EXTERNAL is the enum's zero value, so a ServiceEntry without `location` is external. */
export function isExternalServiceEntry(r: Resource): boolean {
  return isKind(r, ISTIO_NETWORKING, 'ServiceEntry') && getPath(r.obj, ['spec', 'location']) !== 'MESH_INTERNAL';
}

export function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
