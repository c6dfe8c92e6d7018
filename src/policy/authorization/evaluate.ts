// AuthorizationPolicy evaluation for one workload and request: scope, then CUSTOM, DENY, ALLOW (AUDIT never decides).
import { getPath, stringMap } from '../../model/workloads';
import { matchLabelsSubset } from '../labelSelector';
import { clusterOf } from '../meshQueries';
import { meshIndex } from '../meshIndex';
import type { ExplanationStep, Mesh, MeshPolicy, RequestAttributes, Workload } from '../types';
import { conditionMatcher, FIELD_MATCHERS, trustDomainsOf, type AttributeMatcher, type MatchContext } from './matchers';

export type Action = 'ALLOW' | 'DENY' | 'AUDIT' | 'CUSTOM';

export interface AuthorizationDecision {
  allowed: boolean;
  steps: ExplanationStep[];
}

/** Outcome of matching one rule: matched, or the first matcher that said no (`unknown`: it could not tell). */
interface RuleOutcome {
  matched: boolean;
  reason: string;
  unknown?: boolean;
}

const SOURCE_FIELDS = ['principals', 'requestPrincipals', 'namespaces', 'serviceAccounts', 'ipBlocks', 'remoteIpBlocks'];
const OPERATION_FIELDS = ['hosts', 'ports', 'methods', 'paths'];
/** Each field's negated name (`notPrincipals`), worked out once: a clause is matched on every field, both ways. */
const NEGATED = Object.fromEntries([...SOURCE_FIELDS, ...OPERATION_FIELDS].map((f) => [f, `not${f[0].toUpperCase()}${f.slice(1)}`]));

export function actionOf(p: MeshPolicy): Action {
  const a = getPath(p.resource.obj, ['spec', 'action']);
  return a === 'DENY' || a === 'AUDIT' || a === 'CUSTOM' ? a : 'ALLOW';
}

/** A field's values as strings; YAML string lists (nearly all) are used as they are, without a copy per decision. */
function list(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  for (const x of v) if (typeof x !== 'string') return v.map(String);
  return v as string[];
}

/**
 * Policies that apply to a sidecar workload: those in the root namespace (all workloads, or those their selector
 * picks) and those in the workload's namespace (all, or selected). Policies with targetRefs attach to gateways
 * and waypoints, not sidecars, unless they target the Gateway this workload implements. Dry-run policies are
 * reported but not enforced.
 */
export function policiesForWorkload(mesh: Mesh, workload: Workload): WorkloadPolicies {
  return meshIndex(mesh).memo('authz-policies', workload, () => scopePolicies(mesh, workload));
}

export interface WorkloadPolicies {
  applied: MeshPolicy[];
  dryRun: MeshPolicy[];
  /** The applied policies by action, in file order: what each of Envoy's filters holds. */
  byAction: Record<Action, MeshPolicy[]>;
}

function scopePolicies(mesh: Mesh, workload: Workload): WorkloadPolicies {
  const root = clusterOf(mesh, workload.cluster).rootNamespace;
  const applied: MeshPolicy[] = [];
  const dryRun: MeshPolicy[] = [];
  const index = meshIndex(mesh);
  const candidates = [
    ...index.byNamespace(mesh.authorizationPolicies, workload.cluster, root),
    ...(workload.namespace === root ? [] : index.byNamespace(mesh.authorizationPolicies, workload.cluster, workload.namespace)),
  ];
  for (const p of candidates) {
    const spec = (p.resource.obj.spec ?? {}) as Record<string, unknown>;
    const refs = Array.isArray(spec.targetRefs) ? spec.targetRefs : spec.targetRef ? [spec.targetRef] : [];
    if (refs.length > 0) {
      const gatewayName = workload.labels['gateway.networking.k8s.io/gateway-name'];
      const targetsMe = refs.some((r) => getPath(r, ['kind']) === 'Gateway' && getPath(r, ['name']) === gatewayName && p.namespace === workload.namespace);
      if (!targetsMe) continue;
    } else {
      const selector = stringMap(getPath(spec, ['selector', 'matchLabels']));
      if (!matchLabelsSubset(selector, workload.labels)) continue;
    }
    if (isDryRun(p)) dryRun.push(p);
    else applied.push(p);
  }
  const byAction: Record<Action, MeshPolicy[]> = { CUSTOM: [], AUDIT: [], DENY: [], ALLOW: [] };
  for (const p of applied) byAction[actionOf(p)].push(p);
  return { applied, dryRun, byAction };
}

/** `istio.io/dry-run` as Go's strconv.ParseBool reads it (builder.go isDryRun); anything else is not dry-run. */
export function isDryRun(p: MeshPolicy): boolean {
  const v = getPath(p.resource.obj, ['metadata', 'annotations', 'istio.io/dry-run']);
  return v === true || ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(String(v));
}

/**
 * One field (e.g. `principals` or `notPaths`) of a source/operation/condition. Returns undefined when the field
 * must be ignored (HTTP-only field on TCP in a DENY/AUDIT policy: Istio drops it, so the rule gets broader) and
 * 'drop-rule' when an ALLOW rule uses it on TCP (Istio drops the whole rule: it matches nothing).
 */
function matchField(
  prefix: string,
  name: string,
  matcher: AttributeMatcher,
  values: string[] | undefined,
  negated: boolean,
  request: RequestAttributes,
  ctx: MatchContext,
  action: Action,
): RuleOutcome | undefined | 'drop-rule' {
  if (values === undefined) return undefined;
  if (matcher.httpOnly && !request.http) return action === 'ALLOW' ? 'drop-rule' : undefined;
  const unknown = matcher.unknown?.(request, values);
  if (unknown)
    return { matched: false, unknown: true, reason: `${prefix}${name} [${values.join(', ')}] cannot be evaluated: ${unknown}; assumed not to match` };
  const any = values.some((v) => matcher.matches(v, request, ctx));
  const matched = negated ? !any : any;
  // The label (`from[0].source.principals`) is written only into a reason: most fields match or are absent.
  return matched
    ? MATCHED
    : { matched, reason: `${prefix}${name} [${values.join(', ')}] ${negated ? 'excludes' : 'does not match'} ${matcher.describe(request, ctx)}` };
}

const MATCHED: RuleOutcome = Object.freeze({ matched: true, reason: '' });

function matchClause(
  prefix: string,
  clause: Record<string, unknown>,
  fields: string[],
  request: RequestAttributes,
  ctx: MatchContext,
  action: Action,
): RuleOutcome | 'drop-rule' {
  for (const field of fields) {
    const matcher = FIELD_MATCHERS[field];
    for (const name of [field, NEGATED[field]]) {
      if (clause[name] === undefined) continue;
      const r = matchField(`${prefix}.`, name, matcher, list(clause[name]), name !== field, request, ctx, action);
      if (r === 'drop-rule' || (r && !r.matched)) return r;
    }
  }
  return MATCHED;
}

/** A list of from/to clauses matches when any clause does (absent or empty list: matches). */
function matchAny(key: 'from' | 'to', items: unknown, request: RequestAttributes, ctx: MatchContext, action: Action): RuleOutcome | 'drop-rule' {
  if (!Array.isArray(items) || items.length === 0) return MATCHED;
  const reasons: string[] = [];
  let dropped = false;
  let unknown = false;
  for (let i = 0; i < items.length; i++) {
    const inner = getPath(items[i], [key === 'from' ? 'source' : 'operation']);
    const clause = (inner && typeof inner === 'object' ? inner : {}) as Record<string, unknown>;
    const r = matchClause(`${key}[${i}]`, clause, key === 'from' ? SOURCE_FIELDS : OPERATION_FIELDS, request, ctx, action);
    if (r === 'drop-rule') {
      dropped = true;
      reasons.push(`${key}[${i}] uses HTTP-only fields on a TCP port (ignored)`);
      continue;
    }
    if (r.matched) return r;
    if (r.unknown) unknown = true;
    reasons.push(r.reason);
  }
  // In an ALLOW rule, one `to` clause with HTTP fields drops the whole rule in Istio's TCP filter.
  if (dropped && action === 'ALLOW' && key === 'to') return 'drop-rule';
  return { matched: false, reason: reasons.join('; '), ...(unknown ? { unknown } : {}) };
}

export function matchRule(rule: unknown, request: RequestAttributes, ctx: MatchContext, action: Action): RuleOutcome | 'drop-rule' {
  const r = (rule && typeof rule === 'object' ? rule : {}) as Record<string, unknown>;
  const when = Array.isArray(r.when) ? r.when : [];
  // A condition Istio's validation rejects makes istiod skip the whole rule, whatever the action.
  for (let i = 0; i < when.length; i++) {
    const key = String(getPath(when[i], ['key']) ?? '');
    const bad = conditionMatcher(key).rejected;
    if (bad) return { matched: false, unknown: true, reason: `when[${i}] ${bad}: Istio rejects the key and skips the rule` };
  }
  // Any HTTP-only field anywhere in an ALLOW rule makes Istio drop the rule on TCP, even when a clause matches.
  if (!request.http && action === 'ALLOW' && ruleUsesHttpFields(r)) return 'drop-rule';
  const from = matchAny('from', r.from, request, ctx, action);
  if (from === 'drop-rule' || !from.matched) return from;
  const to = matchAny('to', r.to, request, ctx, action);
  if (to === 'drop-rule' || !to.matched) return to;
  for (let i = 0; i < when.length; i++) {
    const key = String(getPath(when[i], ['key']) ?? '');
    const matcher = conditionMatcher(key);
    for (const negated of [false, true]) {
      const field = negated ? 'notValues' : 'values';
      const res = matchField(`when[${i}] ${key} `, field, matcher, list(getPath(when[i], [field])), negated, request, ctx, action);
      if (res === 'drop-rule' || (res && !res.matched)) return res;
    }
  }
  return MATCHED;
}

function ruleUsesHttpFields(rule: Record<string, unknown>): boolean {
  const uses = (items: unknown, key: string, fields: string[]) =>
    Array.isArray(items) &&
    items.some((it) => {
      const c = getPath(it, [key]) as Record<string, unknown> | undefined;
      return !!c && fields.some((f) => FIELD_MATCHERS[f].httpOnly && (c[f] !== undefined || c[`not${f[0].toUpperCase()}${f.slice(1)}`] !== undefined));
    });
  if (uses(rule.from, 'source', SOURCE_FIELDS) || uses(rule.to, 'operation', OPERATION_FIELDS)) return true;
  return Array.isArray(rule.when) && rule.when.some((w) => conditionMatcher(String(getPath(w, ['key']) ?? '')).httpOnly);
}

/** Matches a policy: the index of the first matching rule, or the reasons each rule did not match. */
export function matchPolicy(p: MeshPolicy, request: RequestAttributes, ctx: MatchContext): { rule?: number; reasons: string[]; unknown?: string[] } {
  const rules = getPath(p.resource.obj, ['spec', 'rules']);
  const action = actionOf(p);
  if (!Array.isArray(rules) || rules.length === 0) return { reasons: ['has no rules: matches nothing'] };
  ctx.policyNamespace = p.namespace;
  const reasons: string[] = [];
  let unknown: string[] | undefined;
  for (let i = 0; i < rules.length; i++) {
    const r = matchRule(rules[i], request, ctx, action);
    if (r === 'drop-rule') reasons.push(`rule ${i} uses HTTP-only fields on a TCP port: Istio drops it, it matches nothing`);
    else if (r.matched) return { rule: i, reasons };
    else {
      reasons.push(`rule ${i}: ${r.reason}`);
      if (r.unknown) (unknown ??= []).push(`rule ${i}: ${r.reason}`);
    }
  }
  return unknown ? { reasons, unknown } : { reasons };
}

/** A policy that did not match only because the manifests cannot tell an attribute still says so. */
function undecided(steps: ExplanationStep[], p: MeshPolicy, m: { unknown?: string[] }): void {
  if (m.unknown) steps.push({ step: 'authorization', ...p.source, detail: `${actionOf(p)} not applied: ${m.unknown.join('; ')}` });
}

function who(request: RequestAttributes): string {
  return request.principal ? `principal ${request.principal}` : 'a caller without peer identity';
}

export function authorize(mesh: Mesh, workload: Workload, request: RequestAttributes): AuthorizationDecision {
  const steps: ExplanationStep[] = [];
  const cluster = clusterOf(mesh, workload.cluster);
  const ctx: MatchContext = { trustDomains: trustDomainsOf(cluster), pathNormalization: mesh.pathNormalization?.[workload.cluster] ?? 'BASE' };
  const { dryRun, byAction } = policiesForWorkload(mesh, workload);

  // Envoy's filter order: CUSTOM (ext_authz), then the AUDIT, DENY and ALLOW RBAC filters.
  for (const p of byAction.CUSTOM) {
    const m = matchPolicy(p, request, ctx);
    if (m.rule !== undefined) {
      const provider = String(getPath(p.resource.obj, ['spec', 'provider', 'name']) ?? '?');
      steps.push({
        step: 'authorization',
        ...p.source,
        detail: `CUSTOM rule ${m.rule} matched: the external authorizer '${provider}' decides; not simulated, assumed to allow`,
      });
    } else undecided(steps, p, m);
  }
  for (const p of byAction.AUDIT) {
    const m = matchPolicy(p, request, ctx);
    if (m.rule !== undefined) steps.push({ step: 'authorization', ...p.source, detail: `AUDIT rule ${m.rule} matched: logged, decision unchanged` });
  }
  const decision = decide(workload, request, ctx, byAction.DENY, byAction.ALLOW, steps);
  for (const p of dryRun) {
    const m = matchPolicy(p, request, ctx);
    const action = actionOf(p);
    const would = m.rule === undefined ? 'would not match' : `rule ${m.rule} would match (${action})`;
    steps.push({ step: 'authorization', ...p.source, detail: `dry-run (istio.io/dry-run): ${would}; logged only, not enforced` });
  }
  return decision;
}

function decide(
  workload: Workload,
  request: RequestAttributes,
  ctx: MatchContext,
  denies: MeshPolicy[],
  allows: MeshPolicy[],
  steps: ExplanationStep[],
): AuthorizationDecision {
  for (const p of denies) {
    const m = matchPolicy(p, request, ctx);
    if (m.rule !== undefined) {
      steps.push({ step: 'authorization', ...p.source, detail: `DENY rule ${m.rule} matched ${who(request)}` });
      return { allowed: false, steps };
    }
    undecided(steps, p, m);
  }
  if (allows.length === 0) {
    steps.push({ step: 'authorization', detail: `no ALLOW policy applies to ${workload.id}: allowed` });
    return { allowed: true, steps };
  }
  const misses: ExplanationStep[] = [];
  for (const p of allows) {
    const m = matchPolicy(p, request, ctx);
    if (m.rule !== undefined) {
      steps.push({ step: 'authorization', ...p.source, detail: `ALLOW rule ${m.rule} matched ${who(request)}` });
      return { allowed: true, steps };
    }
    misses.push({ step: 'authorization', ...p.source, detail: `ALLOW did not match: ${m.reasons.join('; ')}` });
  }
  steps.push(...misses, { step: 'authorization', detail: `ALLOW policies apply to ${workload.id} and none matched: denied` });
  return { allowed: false, steps };
}
