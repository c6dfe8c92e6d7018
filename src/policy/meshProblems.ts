// Policy fields the engine (like istiod) ignores or cannot honour, reported with file and line instead of silently.
import { getPath, stringMap } from '../model/workloads';
import { conditionMatcher } from './authorization/matchers';
import { parseCidr } from './ipRange';
import { ipBlockCidrs } from './networkPolicy';
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
    if (!hasSelector && getPath(p.resource.obj, ['spec', 'portLevelMtls']) !== undefined) problem(mesh, p, 'portLevelMtls without a workload selector: Istio ignores it');
  }
  for (const p of mesh.authorizationPolicies) {
    const rules = getPath(p.resource.obj, ['spec', 'rules']);
    if (!Array.isArray(rules)) continue;
    rules.forEach((rule, i) => {
      const when = getPath(rule, ['when']);
      if (!Array.isArray(when)) return;
      for (const w of when) {
        const key = String(getPath(w, ['key']) ?? '');
        if (conditionMatcher(key).describe({ port: 0, http: true }) === 'unsupported key') problem(mesh, p, `rule ${i}: condition key '${key}' is not supported: the condition never matches`);
      }
    });
  }
  for (const p of mesh.networkPolicies) {
    for (const cidr of ipBlockCidrs(p)) if (!parseCidr(cidr)) problem(mesh, p, `ipBlock '${cidr}' is not a valid CIDR: it matches nothing`);
  }
}
