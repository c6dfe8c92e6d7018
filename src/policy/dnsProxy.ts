// Name resolution for Service hosts: Kubernetes DNS answers only for Services of the caller's own cluster, unless
// Istio's DNS proxying (ISTIO_META_DNS_CAPTURE) answers from the mesh-wide registry.
import type { Resource } from '../model/types';
import { podTemplate } from '../model/workloads';
import { clustersOf, type MeshSources } from './meshSources';
import type { Mesh, Workload } from './types';

// Quotes may be JSON-escaped (the mesh config is YAML text inside a ConfigMap value).
const CAPTURE = /ISTIO_META_DNS_CAPTURE[\\"']*\s*:\s*[\\"']*true/i;

/** Mesh-wide DNS capture: the istio (or istio-<rev>) mesh ConfigMap or an IstioOperator sets it in proxyMetadata. */
export function meshConfigEnablesDnsCapture(r: Resource, rootNamespace: string): boolean {
  const isMeshConfig = r.kind === 'ConfigMap' && (r.namespace ?? 'default') === rootNamespace && /^istio(-.+)?$/.test(r.name);
  if (!isMeshConfig && r.kind !== 'IstioOperator') return false;
  return CAPTURE.test(JSON.stringify(r.obj));
}

/** Clusters where a mesh config object turns DNS capture on, in the order the resources name them. */
export function dnsCaptureClusters({ clusters, resources }: MeshSources): string[] {
  const out: string[] = [];
  for (const r of resources) {
    for (const c of clustersOf(r, clusters)) {
      if (meshConfigEnablesDnsCapture(r, clusters.find((x) => x.name === c)?.rootNamespace ?? 'istio-system') && !out.includes(c)) out.push(c);
    }
  }
  return out;
}

/** Whether this workload's sidecar answers DNS itself (mesh-wide setting, or its proxy.istio.io/config annotation). */
export function dnsCaptured(mesh: Mesh, workload: Workload): boolean {
  if (!workload.sidecar) return false;
  if (mesh.dnsCaptureClusters?.includes(workload.cluster)) return true;
  const annotation = podTemplate(workload.resource)?.annotations['proxy.istio.io/config'];
  return typeof annotation === 'string' && CAPTURE.test(annotation.replace(/\n/g, ' '));
}
