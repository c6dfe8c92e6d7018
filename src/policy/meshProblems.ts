// Policy fields the engine (like istiod) ignores or cannot honour, reported with file and line instead of silently.
import { getPath, stringMap } from '../model/workloads';
import { authorizationPolicyProblems } from './authorization/problems';
import { networkPolicyRejections } from './networkPolicyValidation';
import { requestAuthenticationProblems } from './requestAuthentication';
import type { Mesh, MeshPolicy } from './types';

function problem(mesh: Mesh, p: MeshPolicy, message: string): void {
  mesh.problems.push({ file: p.source.file, line: p.source.line, message: `${p.source.policy}: ${message}` });
}

/** Fills mesh.problems; call once the mesh is built (root namespaces known). */
export function collectMeshProblems(mesh: Mesh): void {
  const roots = new Set(mesh.clusters.map((c) => c.rootNamespace));
  for (const p of mesh.peerAuthentications) {
    const selector = stringMap(getPath(p.resource.obj, ['spec', 'selector', 'matchLabels']));
    const hasSelector = Object.keys(selector).length > 0;
    if (hasSelector && roots.has(p.namespace)) problem(mesh, p, 'a workload selector in the root namespace: Istio ignores this policy');
    if (!hasSelector && getPath(p.resource.obj, ['spec', 'portLevelMtls']) !== undefined)
      problem(mesh, p, 'portLevelMtls without a workload selector: Istio ignores it');
  }
  for (const p of mesh.authorizationPolicies) {
    for (const { line, message } of authorizationPolicyProblems(p))
      mesh.problems.push({ file: p.source.file, line, message: `${p.source.policy}: ${message}` });
  }
  for (const p of mesh.requestAuthentications) {
    for (const { line, message } of requestAuthenticationProblems(p))
      mesh.problems.push({ file: p.source.file, line, message: `${p.source.policy}: ${message}` });
  }
  for (const p of mesh.networkPolicies) {
    for (const { line, message } of networkPolicyRejections(p)) {
      mesh.problems.push({ file: p.source.file, line, message: `${p.source.policy}: the API server rejects this NetworkPolicy (${message}): ignored` });
    }
  }
  for (const p of mesh.otherNetworkPolicies ?? []) {
    problem(mesh, p, `${p.resource.apiVersion} ${p.resource.kind} is not a Kubernetes NetworkPolicy and is not modelled: decisions may differ`);
  }
}
