// One sidecar's AuthorizationPolicy decisions, kept by the request attributes its policies can read: the engine decides a request shape once.
import { getPath } from '../../src/model/workloads';
import { authorize, policiesForWorkload, type AuthorizationDecision } from '../../src/policy/authorization/evaluate';
import type { Mesh, RequestAttributes, Workload } from '../../src/policy/types';

/** Enough for every caller, method and path a replay uses; past it the table starts over rather than grow. */
const MAX_DECISIONS = 4096;
const HEADER_KEY = /^request\.headers\[(.+)\]$/;
/** Separates attribute values in a key; absent attributes get a marker of their own so '' and absent differ. */
const SEP = '\u0000';
const ABSENT = '\u0001';

/**
 * Policies do not change while the sandbox runs, and `authorize` is a pure function of the workload's policies and
 * the request attributes. A sidecar passes principal, namespace, source address, port, host, method, path, SNI and
 * headers; of the headers only those named by a `when` key (request.headers[...]) can change a decision, so the key
 * holds those. A request with attributes the key does not cover (JWT, remote address) is decided afresh.
 */
export class DecisionCache {
  private readonly decisions = new Map<string, AuthorizationDecision>();
  private readonly headerNames: string[];

  constructor(
    private readonly mesh: Mesh,
    private readonly workload: Workload,
  ) {
    const { applied, dryRun } = policiesForWorkload(mesh, workload);
    const names = new Set<string>();
    for (const policy of [...applied, ...dryRun]) {
      const rules = getPath(policy.resource.obj, ['spec', 'rules']);
      for (const rule of Array.isArray(rules) ? rules : []) {
        const when = getPath(rule, ['when']);
        for (const condition of Array.isArray(when) ? when : []) {
          const header = HEADER_KEY.exec(String(getPath(condition, ['key']) ?? ''));
          if (header) names.add(header[1].toLowerCase());
        }
      }
    }
    this.headerNames = [...names].sort();
  }

  authorize(request: RequestAttributes): AuthorizationDecision {
    if (request.remoteIp !== undefined || request.requestPrincipal !== undefined || request.claims !== undefined)
      return authorize(this.mesh, this.workload, request);
    const key = this.keyOf(request);
    let decision = this.decisions.get(key);
    if (!decision) {
      if (this.decisions.size >= MAX_DECISIONS) this.decisions.clear();
      decision = authorize(this.mesh, this.workload, request);
      this.decisions.set(key, decision);
    }
    return decision;
  }

  private keyOf(r: RequestAttributes): string {
    const v = (s: string | undefined) => s ?? ABSENT;
    let key = `${r.http ? 'http' : 'tcp'}${SEP}${v(r.principal)}${SEP}${v(r.namespace)}${SEP}${v(r.sourceIp)}${SEP}${r.port}${SEP}${v(r.host)}${SEP}${v(r.method)}${SEP}${v(r.path)}${SEP}${v(r.sni)}`;
    for (const name of this.headerNames) key += `${SEP}${v(findHeader(r.headers, name))}`;
    return key;
  }
}

/** Header lookup as the engine's header matcher does it: names compared without case. */
function findHeader(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers[name] !== undefined) return headers[name];
  for (const [k, value] of Object.entries(headers)) if (k.toLowerCase() === name) return value;
  return undefined;
}
