// Template for Role/ClusterRole checks: one declaration per dangerous grant (kube-linter style).
import { removeListItems } from '../../fix/listItemRemoval';
import type { FieldPath } from '../../model/position';
import type { Resource } from '../../model/types';
import { getPath } from '../../model/workloads';
import type { Rule, RuleMeta } from '../types';

/** One entry of a Role's rules, with the lists Kubernetes matches on. */
export interface PolicyRuleView {
  index: number;
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

function list(v: unknown): string[] {
  return Array.isArray(v) ? v.map((x) => String(x)) : [];
}

// Every grant rule reads the same Role's rules; a resource's object never changes (an edit of its
// document makes a new Resource), so the view is built once per Role instead of once per rule.
const views = new WeakMap<Resource, readonly PolicyRuleView[]>();

export function roleRules(role: Resource): readonly PolicyRuleView[] {
  let view = views.get(role);
  if (!view) views.set(role, (view = readRoleRules(role)));
  return view;
}

function readRoleRules(role: Resource): PolicyRuleView[] {
  const rules = getPath(role.obj, ['rules']);
  if (!Array.isArray(rules)) return [];
  return rules.map((r, index) => ({
    index,
    apiGroups: list(getPath(r, ['apiGroups'])),
    resources: list(getPath(r, ['resources'])),
    verbs: list(getPath(r, ['verbs'])),
    resourceNames: list(getPath(r, ['resourceNames'])),
    nonResourceURLs: list(getPath(r, ['nonResourceURLs'])),
  }));
}

/** Does the rule cover core-group `resource` by its name? The index of that entry, else -1 (see resourceEntry for wildcards). */
export function coversCoreResource(rule: PolicyRuleView, resource: string): number {
  if (!rule.apiGroups.includes('') && !rule.apiGroups.includes('*')) return -1;
  return rule.resources.indexOf(resource);
}

export function grantsVerb(rule: PolicyRuleView, verbs: readonly string[]): boolean {
  return rule.verbs.includes('*') || rule.verbs.some((v) => verbs.includes(v));
}

/**
 * The entry of rule.resources that grants `resource` (e.g. 'secrets', 'pods/exec') of API group `group`, as the
 * API server's RBAC authorizer matches it: the name itself, '*' (every resource and subresource), or '*'
 * followed by '/' and the subresource. -1 when the rule does not cover it. The exact name wins, so findings point at it.
 */
export function resourceEntry(rule: PolicyRuleView, group: string, resource: string): number {
  if (!rule.apiGroups.includes(group) && !rule.apiGroups.includes('*')) return -1;
  const exact = rule.resources.indexOf(resource);
  if (exact >= 0) return exact;
  const slash = resource.indexOf('/');
  const sub = slash >= 0 ? `*/${resource.slice(slash + 1)}` : undefined;
  return rule.resources.findIndex((r) => r === '*' || r === sub);
}

/** True when resources[at] is a wildcard rather than the resource's own name. */
export function isWildcardEntry(rule: PolicyRuleView, at: number): boolean {
  return at >= 0 && rule.resources[at].startsWith('*');
}

/** The entry of rule.verbs that grants `verb`: the verb itself, else '*'; -1 when none does. */
export function verbEntry(rule: PolicyRuleView, verb: string): number {
  const exact = rule.verbs.indexOf(verb);
  return exact >= 0 ? exact : rule.verbs.indexOf('*');
}

/** True when the rule grants everything: every verb on every resource of every API group (cluster-admin's own rule). */
export function grantsEverything(rule: PolicyRuleView): boolean {
  return rule.apiGroups.includes('*') && rule.resources.includes('*') && rule.verbs.includes('*');
}

/** What a grant check reports: a field of rules[i] (e.g. ['verbs', 2]) and the message. */
export interface GrantFinding {
  field: FieldPath;
  message: string;
  /** Entries of rules[i].verbs or .resources whose removal is the fix (all flagged ones of that list, so fixes agree). */
  remove?: { list: 'verbs' | 'resources'; indices: number[] };
}

export function rbacGrantRule(meta: RuleMeta, find: (rule: PolicyRuleView, role: Resource) => GrantFinding[]): Rule {
  return {
    meta: { ...meta, kinds: ['Role', 'ClusterRole'] },
    checkResource(role, ctx) {
      // Built-in roles (system:*) are the platform's own; users cannot change them.
      if (!role.apiVersion.startsWith('rbac.authorization.k8s.io/') || role.name.startsWith('system:')) return;
      for (const rule of roleRules(role)) {
        for (const f of find(rule, role)) {
          const remove = f.remove;
          // Emptying the list would leave an invalid rule (verbs and resources are required): no fix then.
          const fixable = remove && remove.indices.length < rule[remove.list].length;
          ctx.report({
            resource: role,
            path: ['rules', rule.index, ...f.field],
            message: f.message,
            fix: fixable
              ? () => ({
                  title: `Remove ${remove.indices.map((i) => rule[remove.list][i]).join(', ')}`,
                  safe: true,
                  edits: removeListItems(role, ['rules', rule.index, remove.list], remove.indices),
                })
              : undefined,
          });
        }
      }
    },
  };
}
