// Walks the parts of Istio AuthorizationPolicy rules with their field paths, for the rules that inspect them.
import type { FieldPath } from '../../model/position';
import type { Resource } from '../../model/types';
import { getPath } from '../../model/workloads';

export type PolicyAction = 'ALLOW' | 'DENY' | 'AUDIT' | 'CUSTOM';

export function policyAction(r: Resource): PolicyAction {
  const a = getPath(r.obj, ['spec', 'action']);
  return a === 'DENY' || a === 'AUDIT' || a === 'CUSTOM' ? a : 'ALLOW';
}

/** One list-valued field of a rule (e.g. from[0].source.principals) with its path and string values. */
export interface PolicyField {
  ruleIndex: number;
  /** 'source' | 'operation' | 'when' */
  section: 'source' | 'operation' | 'when';
  /** Field name inside source/operation, or the `when` key (e.g. request.auth.claims[iss]). */
  name: string;
  /** Where a finding about the field points: the list's key, or the `key` entry of a `when` condition. */
  path: FieldPath;
  /** Path of the list itself, so `[...valuesPath, i]` is the i-th value. */
  valuesPath: FieldPath;
  /** For `when` conditions: true for the notValues list. */
  negated?: boolean;
  values: string[];
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x) => x !== null && x !== undefined).map((x) => String(x)) : [];
}

// Several rules read the same policy's fields; a re-parsed policy is a new Resource, so this never goes stale.
const fieldsCache = new WeakMap<Resource, readonly PolicyField[]>();

/** Every list field of every rule: from[].source.*, to[].operation.*, when[] (values, and notValues when present). */
export function policyFields(r: Resource): readonly PolicyField[] {
  let fields = fieldsCache.get(r);
  if (!fields) fieldsCache.set(r, (fields = readPolicyFields(r)));
  return fields;
}

function readPolicyFields(r: Resource): PolicyField[] {
  const rules = getPath(r.obj, ['spec', 'rules']);
  if (!Array.isArray(rules)) return [];
  const out: PolicyField[] = [];
  rules.forEach((rule, ruleIndex) => {
    if (!rule || typeof rule !== 'object') return;
    for (const [list, section] of [
      ['from', 'source'],
      ['to', 'operation'],
    ] as const) {
      const entries = (rule as Record<string, unknown>)[list];
      if (!Array.isArray(entries)) continue;
      entries.forEach((entry, i) => {
        const body = getPath(entry, [section]);
        if (!body || typeof body !== 'object') return;
        for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
          const path = ['spec', 'rules', ruleIndex, list, i, section, name];
          out.push({ ruleIndex, section, name, path, valuesPath: path, negated: name.startsWith('not'), values: strings(value) });
        }
      });
    }
    const when = (rule as Record<string, unknown>).when;
    if (Array.isArray(when)) {
      when.forEach((cond, i) => {
        const key = getPath(cond, ['key']);
        if (typeof key !== 'string') return;
        const base = ['spec', 'rules', ruleIndex, 'when', i];
        for (const list of ['values', 'notValues'] as const) {
          const values = getPath(cond, [list]);
          if (values === undefined && list === 'notValues') continue;
          out.push({
            ruleIndex,
            section: 'when',
            name: key,
            path: [...base, 'key'],
            valuesPath: [...base, list],
            negated: list === 'notValues',
            values: strings(values),
          });
        }
      });
    }
  });
  return out;
}

/** The policy's workload selector labels; undefined means every workload of the namespace. */
export function policySelectorLabels(r: Resource): Record<string, string> | undefined {
  const labels = getPath(r.obj, ['spec', 'selector', 'matchLabels']);
  if (!labels || typeof labels !== 'object' || Array.isArray(labels)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) out[k] = String(v);
  return Object.keys(out).length > 0 ? out : undefined;
}
