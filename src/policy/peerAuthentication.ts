// PeerAuthentication composition for one workload and port, as istiod's ComposePeerAuthentication does it.
import { getPath, stringMap } from '../model/workloads';
import { clusterOf } from './meshQueries';
import { matchLabelsSubset } from './labelSelector';
import { meshIndex } from './meshIndex';
import type { ExplanationStep, Mesh, MeshPolicy, MtlsMode, Workload } from './types';

type ModeOrUnset = MtlsMode | 'UNSET';

function modeOf(value: unknown): ModeOrUnset {
  const mode = getPath(value, ['mode']);
  return mode === 'STRICT' || mode === 'PERMISSIVE' || mode === 'DISABLE' ? mode : 'UNSET';
}

function selectorOf(p: MeshPolicy): Record<string, string> {
  return stringMap(getPath(p.resource.obj, ['spec', 'selector', 'matchLabels']));
}

/** Istio sorts configs by creationTimestamp, then name; the first (oldest) of a level wins. */
function oldest(list: MeshPolicy[]): MeshPolicy | undefined {
  return [...list].sort((a, b) => a.created - b.created || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))[0];
}

export interface ComposedPeerAuthentication {
  mode: MtlsMode;
  steps: ExplanationStep[];
}

/**
 * Mesh (root namespace, no selector) < namespace (no selector) < workload (selector, not in the root namespace);
 * UNSET inherits; no policy = PERMISSIVE; `portLevelMtls` (keyed by the workload's target port) only counts on
 * the winning workload policy and an UNSET port entry inherits the workload-level result. `asSeenFrom` names the
 * cluster whose istiod composes: each primary only knows its own cluster's PeerAuthentications, so a client's
 * auto mTLS decision uses the client's cluster while the server enforces its own.
 */
export function composedMtlsMode(mesh: Mesh, workload: Workload, port: number, asSeenFrom: string = workload.cluster): ComposedPeerAuthentication {
  // By id: copies of a workload (a client forced without sidecar) keep its labels and namespace.
  return meshIndex(mesh).cached('peer-authentication', `${workload.id}|${port}|${asSeenFrom}`, () => compose(mesh, workload, port, asSeenFrom));
}

/** `policyCluster`: whose istiod composes (its PeerAuthentications and root namespace); the workload's own by default. */
function compose(mesh: Mesh, workload: Workload, port: number, policyCluster: string): ComposedPeerAuthentication {
  const cluster = clusterOf(mesh, policyCluster);
  const root = cluster.rootNamespace;
  const index = meshIndex(mesh);
  const inCluster = [
    ...index.byNamespace(mesh.peerAuthentications, policyCluster, root),
    ...(workload.namespace === root ? [] : index.byNamespace(mesh.peerAuthentications, policyCluster, workload.namespace)),
  ];
  const meshLevel = oldest(inCluster.filter((p) => p.namespace === root && Object.keys(selectorOf(p)).length === 0));
  const nsLevel =
    workload.namespace === root ? undefined : oldest(inCluster.filter((p) => p.namespace === workload.namespace && Object.keys(selectorOf(p)).length === 0));
  const workloadCandidates =
    workload.namespace === root
      ? []
      : inCluster.filter(
          (p) => p.namespace === workload.namespace && Object.keys(selectorOf(p)).length > 0 && matchLabelsSubset(selectorOf(p), workload.labels),
        );
  const workloadLevel = oldest(workloadCandidates);

  const steps: ExplanationStep[] = [];
  let mode: MtlsMode = 'PERMISSIVE';
  const apply = (p: MeshPolicy | undefined, level: string) => {
    if (!p) return;
    const m = modeOf(getPath(p.resource.obj, ['spec', 'mtls']));
    if (m !== 'UNSET') mode = m;
    steps.push({ step: 'peer-authentication', ...p.source, detail: `${level} mode ${m}${m === 'UNSET' ? ` (inherits ${mode})` : ''}` });
  };
  apply(meshLevel, 'mesh-wide');
  apply(nsLevel, 'namespace');
  if (workloadLevel) {
    apply(workloadLevel, 'workload');
    if (workloadCandidates.length > 1) {
      const ignored = workloadCandidates.filter((p) => p !== workloadLevel).map((p) => p.source.policy);
      steps.push({ step: 'peer-authentication', detail: `several workload policies select ${workload.name}; the oldest wins, ignored: ${ignored.join(', ')}` });
    }
    const portLevel = getPath(workloadLevel.resource.obj, ['spec', 'portLevelMtls']);
    if (portLevel && typeof portLevel === 'object') {
      const entry = (portLevel as Record<string, unknown>)[String(port)];
      if (entry !== undefined) {
        const m = modeOf(entry);
        if (m !== 'UNSET') mode = m;
        steps.push({
          step: 'peer-authentication',
          ...workloadLevel.source,
          detail: `portLevelMtls ${port}: ${m}${m === 'UNSET' ? ` (inherits ${mode})` : ''}`,
        });
      }
    }
  }
  if (!meshLevel && !nsLevel && !workloadLevel) steps.push({ step: 'peer-authentication', detail: 'no PeerAuthentication applies: PERMISSIVE by default' });
  steps.push({ step: 'peer-authentication', detail: `composed mode for ${workload.id} port ${port}: ${mode}` });
  return { mode, steps };
}

/** Namespace-level mode (mesh < namespace), which istiod uses to decide whether a Service gets auto mTLS at all. */
export function namespaceMtlsMode(mesh: Mesh, clusterName: string, namespace: string): { mode: MtlsMode; policy?: MeshPolicy } {
  const root = clusterOf(mesh, clusterName).rootNamespace;
  const inCluster = mesh.peerAuthentications.filter((p) => p.clusters.includes(clusterName) && Object.keys(selectorOf(p)).length === 0);
  let mode: MtlsMode = 'PERMISSIVE';
  let policy: MeshPolicy | undefined;
  for (const p of [
    oldest(inCluster.filter((x) => x.namespace === root)),
    namespace === root ? undefined : oldest(inCluster.filter((x) => x.namespace === namespace)),
  ]) {
    if (!p) continue;
    const m = modeOf(getPath(p.resource.obj, ['spec', 'mtls']));
    if (m !== 'UNSET') {
      mode = m;
      policy = p;
    }
  }
  return { mode, policy };
}
