// Policy fields the engine (like istiod) ignores or cannot honour, reported with file and line instead of silently.
import { getPath, stringMap } from '../src/model/workloads';
import { conditionMatcher } from './authorization/matchers';
import { parseCidr } from './ipRange';
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
    for (const dir of ['ingress', 'egress']) {
      const rules = getPath(p.resource.obj, ['spec', dir]);
      if (!Array.isArray(rules)) continue;
      for (const rule of rules) {
        const peers = getPath(rule, [dir === 'ingress' ? 'from' : 'to']);
        if (!Array.isArray(peers)) continue;
        for (const peer of peers) {
          const block = getPath(peer, ['ipBlock']);
          if (!block) continue;
          const except = getPath(block, ['except']);
          for (const cidr of [getPath(block, ['cidr']), ...(Array.isArray(except) ? except : [])]) {
            if (!parseCidr(String(cidr ?? ''))) problem(mesh, p, `ipBlock '${String(cidr)}' is not a valid CIDR: it matches nothing`);
          }
        }
      }
    }
  }
}
