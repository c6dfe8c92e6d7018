// A prediction's caveats: what the engine assumed, and fields it does not model, in the policies behind a call.
import { notModelledFields } from '../model/engineFields';
import { fieldRange } from '../model/position';
import { relativeTo } from './source';
import type { CallResult, Caveat, ExplanationStep, Mesh, MeshPolicy } from './types';

/**
 * The evaluators say so in a step when they decide on an assumption rather than on what the manifests say (pod IPs,
 * filter metadata, DNS-resolved addresses, external authorizers, other NetworkPolicy APIs).
 */
const ASSUMED = /\bassum(?:ed|es|ing)\b|\bnot modelled\b|\bunknown from manifests\b|\bnot simulated\b|\bcannot be evaluated\b/;

const policiesBySource = new WeakMap<Mesh, Map<string, MeshPolicy>>();
const fieldCaveats = new WeakMap<MeshPolicy, Caveat[]>();

function policyAt(mesh: Mesh, file: string, line: number): MeshPolicy | undefined {
  let bySource = policiesBySource.get(mesh);
  if (!bySource) {
    bySource = new Map();
    const lists = [
      mesh.peerAuthentications,
      mesh.destinationRules,
      mesh.authorizationPolicies,
      mesh.networkPolicies,
      mesh.otherNetworkPolicies ?? [],
      mesh.virtualServices,
      mesh.sidecars,
      mesh.requestAuthentications,
    ];
    for (const list of lists) for (const p of list) bySource.set(`${p.source.file}:${p.source.line}`, p);
    policiesBySource.set(mesh, bySource);
  }
  return bySource.get(`${file}:${line}`);
}

/** The fields a policy sets that the engine does not read, each where it is written; worked out once per policy. */
function notModelledIn(mesh: Mesh, policy: MeshPolicy): Caveat[] {
  let caveats = fieldCaveats.get(policy);
  if (!caveats) {
    caveats = notModelledFields(policy.resource).map((f) => ({
      kind: 'not-modelled' as const,
      policy: policy.source.policy,
      file: relativeTo(mesh.root, policy.resource.file.path),
      line: fieldRange(policy.resource, f.path, 'key').start.line + 1,
      detail: `${policy.source.policy} sets ${f.schemaPath}, which the engine does not model: ${f.changes}`,
    }));
    fieldCaveats.set(policy, caveats);
  }
  return caveats;
}

function assumption(step: ExplanationStep): Caveat {
  return {
    kind: 'assumption',
    detail: step.detail,
    ...(step.policy ? { policy: step.policy } : {}),
    ...(step.file ? { file: step.file, line: step.line } : {}),
  };
}

/** The caveats of one call: assumptions its steps made and not-modelled fields of the policies its steps name. */
export function callCaveats(mesh: Mesh, explanation: readonly ExplanationStep[]): Caveat[] {
  const out: Caveat[] = [];
  const seen = new Set<MeshPolicy>();
  for (const step of explanation) {
    if (ASSUMED.test(step.detail)) out.push(assumption(step));
    if (step.file === undefined || step.line === undefined) continue;
    const policy = policyAt(mesh, step.file, step.line);
    if (!policy || seen.has(policy)) continue;
    seen.add(policy);
    out.push(...notModelledIn(mesh, policy));
  }
  return out;
}

/** Sets `caveats` on a result when there are any (the JSON shape gains the field only then). */
export function withCaveats(mesh: Mesh, result: CallResult): CallResult {
  const caveats = callCaveats(mesh, result.explanation);
  if (caveats.length > 0) result.caveats = caveats;
  return result;
}
