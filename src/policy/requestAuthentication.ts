// RequestAuthentication for one request: which JWT rules apply, the request principal (iss/sub) and claims, or a 401.
import { getPath, stringMap } from '../model/workloads';
import { matchLabelsSubset } from './labelSelector';
import { clusterOf } from './meshQueries';
import { meshIndex } from './meshIndex';
import type { ExplanationStep, Mesh, MeshPolicy, Workload } from './types';

export interface JwtOutcome {
  /** `iss/sub` of an accepted token. */
  principal?: string;
  claims?: Record<string, unknown>;
  /** True when the sidecar answers 401: a token it cannot accept (unknown issuer, expired, malformed). */
  rejected: boolean;
  steps: ExplanationStep[];
}

/** Same scoping as AuthorizationPolicy: root namespace (all or selected workloads) and the workload's namespace. */
function policiesFor(mesh: Mesh, workload: Workload): MeshPolicy[] {
  const list = mesh.requestAuthentications;
  if (list.length === 0) return [];
  const root = clusterOf(mesh, workload.cluster).rootNamespace;
  const index = meshIndex(mesh);
  const candidates = [...index.byNamespace(list, workload.cluster, root), ...(workload.namespace === root ? [] : index.byNamespace(list, workload.cluster, workload.namespace))];
  return candidates.filter((p) => matchLabelsSubset(stringMap(getPath(p.resource.obj, ['spec', 'selector', 'matchLabels'])), workload.labels));
}

interface JwtRule {
  issuer: string;
  fromHeaders?: { name: string; prefix?: string }[];
  policy: MeshPolicy;
}

function rulesOf(policies: MeshPolicy[]): JwtRule[] {
  const out: JwtRule[] = [];
  for (const p of policies) {
    const rules = getPath(p.resource.obj, ['spec', 'jwtRules']);
    if (!Array.isArray(rules)) continue;
    for (const r of rules) {
      const from = getPath(r, ['fromHeaders']);
      out.push({
        issuer: String(getPath(r, ['issuer']) ?? ''),
        ...(Array.isArray(from) ? { fromHeaders: from.map((h) => ({ name: String(getPath(h, ['name']) ?? ''), prefix: getPath(h, ['prefix']) as string | undefined })) } : {}),
        policy: p,
      });
    }
  }
  return out;
}

function header(headers: Record<string, string>, name: string): string | undefined {
  return Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
}

/** The token where the rules look for it: their fromHeaders, else `Authorization: Bearer <token>`. */
function findToken(headers: Record<string, string>, rules: JwtRule[]): string | undefined {
  const locations = rules.flatMap((r) => r.fromHeaders ?? [{ name: 'authorization', prefix: 'Bearer ' }]);
  for (const { name, prefix } of locations) {
    const value = header(headers, name);
    if (value === undefined) continue;
    if (prefix && !value.startsWith(prefix)) continue;
    return value.slice(prefix?.length ?? 0).trim();
  }
  return undefined;
}

function decodePayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const json = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * "It will reject a request if the request contains invalid authentication information ... A request that does not
 * contain any authentication credentials will be accepted but will not have any authenticated identity." The
 * signature cannot be checked from manifests: a well-formed, unexpired token from a configured issuer is accepted.
 */
export function authenticateRequest(mesh: Mesh, workload: Workload, headers: Record<string, string>, nowMs: number = Date.now()): JwtOutcome {
  const policies = policiesFor(mesh, workload);
  const rules = rulesOf(policies);
  if (rules.length === 0) return { rejected: false, steps: [] };
  const token = findToken(headers, rules);
  const where = policies[0].source;
  if (!token) return { rejected: false, steps: [{ step: 'authorization', ...where, detail: 'no JWT in the request: accepted without a request principal' }] };
  const claims = decodePayload(token);
  if (!claims) return { rejected: true, steps: [{ step: 'authorization', ...where, detail: 'malformed JWT: 401' }] };
  const rule = rules.find((r) => r.issuer === claims.iss);
  if (!rule) return { rejected: true, steps: [{ step: 'authorization', ...where, detail: `JWT issuer ${String(claims.iss)} is not configured: 401` }] };
  if (typeof claims.exp === 'number' && claims.exp * 1000 < nowMs) {
    return { rejected: true, steps: [{ step: 'authorization', ...rule.policy.source, detail: 'JWT has expired: 401' }] };
  }
  const principal = `${String(claims.iss)}/${String(claims.sub ?? '')}`;
  return { principal, claims, rejected: false, steps: [{ step: 'authorization', ...rule.policy.source, detail: `JWT from ${String(claims.iss)} accepted (signature not checked): request principal ${principal}` }] };
}
