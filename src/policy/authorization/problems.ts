// What Istio's validation rejects in an AuthorizationPolicy, and what the manifests cannot tell, each at its own line.
import { fieldRange } from '../../model/position';
import { getPath } from '../../model/workloads';
import type { MeshPolicy } from '../types';
import { badAddresses, conditionMatcher } from './matchers';
import { pathTemplateError } from './stringMatch';

export interface PolicyProblem {
  line: number;
  message: string;
}

const ADDRESS_FIELDS = ['ipBlocks', 'notIpBlocks', 'remoteIpBlocks', 'notRemoteIpBlocks'];
const IDENTITY_FIELDS = ['principals', 'notPrincipals', 'namespaces', 'notNamespaces'];
const UNKNOWN_IP = 'pod IPs are not in manifests: the simulation cannot evaluate it and assumes it does not match (the sandbox knows its addresses)';

const CUSTOM_FORBIDDEN = [
  'principals',
  'notPrincipals',
  'namespaces',
  'notNamespaces',
  'serviceAccounts',
  'notServiceAccounts',
  'requestPrincipals',
  'notRequestPrincipals',
];

/** Empty strings in any value list of a rule (CheckEmptyValues: "empty value not allowed"); paths are checked with templates. */
function emptyValues(rule: unknown, base: (string | number)[], i: number, at: (path: (string | number)[], message: string) => void): void {
  const lists: [unknown, string][] = [];
  const from = getPath(rule, ['from']);
  (Array.isArray(from) ? from : []).forEach((f, j) => {
    for (const [k, v] of Object.entries((getPath(f, ['source']) ?? {}) as Record<string, unknown>)) lists.push([v, `from.${j}.source.${k}`]);
  });
  const to = getPath(rule, ['to']);
  (Array.isArray(to) ? to : []).forEach((t, j) => {
    for (const [k, v] of Object.entries((getPath(t, ['operation']) ?? {}) as Record<string, unknown>))
      if (k !== 'paths' && k !== 'notPaths') lists.push([v, `to.${j}.operation.${k}`]);
  });
  const when = getPath(rule, ['when']);
  (Array.isArray(when) ? when : []).forEach((w, j) => {
    lists.push([getPath(w, ['values']), `when.${j}.values`], [getPath(w, ['notValues']), `when.${j}.notValues`]);
  });
  for (const [list, where] of lists) {
    if (!Array.isArray(list) || !list.some((v) => v === '' || v === null)) continue;
    const path = where.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x));
    at([...base, ...path], `rule ${i}: empty value not allowed in ${path[path.length - 1]}: Istio rejects the policy`);
  }
}

function values(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}

/** Problems of one policy, in rule order; `line` is 1-based and points at the field concerned. */
export function authorizationPolicyProblems(p: MeshPolicy): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  const at = (path: (string | number)[], message: string) => out.push({ line: fieldRange(p.resource, path).start.line + 1, message });
  const spec = (getPath(p.resource.obj, ['spec']) ?? {}) as Record<string, unknown>;
  const action = typeof spec.action === 'string' ? spec.action : 'ALLOW';
  const rules = spec.rules;
  if ((action === 'DENY' || action === 'CUSTOM') && !Array.isArray(rules)) {
    at(['spec', 'action'], `${action} action without \`rules\` is meaningless: Istio rejects the policy (use \`rules: [{}]\` to match everything)`);
  }
  if (spec.provider !== undefined && action !== 'CUSTOM')
    at(['spec', 'provider'], 'provider can only be used with the CUSTOM action: Istio rejects the policy');
  if (!Array.isArray(rules)) return out;
  rules.forEach((rule, i) => {
    const base = ['spec', 'rules', i];
    const from = getPath(rule, ['from']);
    if (Array.isArray(from) && from.length === 0) at([...base, 'from'], `rule ${i}: \`from\` must not be empty: Istio rejects the policy`);
    const to = getPath(rule, ['to']);
    if (Array.isArray(to) && to.length === 0) at([...base, 'to'], `rule ${i}: \`to\` must not be empty: Istio rejects the policy`);
    emptyValues(rule, [...base], i, at);
    (Array.isArray(from) ? from : []).forEach((f, j) => {
      const source = (getPath(f, ['source']) ?? {}) as Record<string, unknown>;
      const path = [...base, 'from', j, 'source'];
      if (Object.keys(source).length === 0) at([...base, 'from', j], `rule ${i}: \`from.source\` must not be empty: Istio rejects the policy`);
      if (action === 'CUSTOM') {
        for (const k of CUSTOM_FORBIDDEN)
          if (source[k] !== undefined) at([...path, k], `rule ${i}: ${k} is not supported with the CUSTOM action: Istio rejects the policy`);
      }
      const hasAccounts = source.serviceAccounts !== undefined || source.notServiceAccounts !== undefined;
      if (hasAccounts && IDENTITY_FIELDS.some((k) => source[k] !== undefined)) {
        at(
          [...path, source.serviceAccounts !== undefined ? 'serviceAccounts' : 'notServiceAccounts'],
          `rule ${i}: serviceAccounts cannot be combined with principals or namespaces in one source: Istio rejects the policy`,
        );
      }
      for (const field of ADDRESS_FIELDS) {
        const list = values(source[field]);
        if (list.length === 0) continue;
        const bad = badAddresses(list);
        if (bad.length > 0) at([...path, field], `rule ${i}: ${field} [${bad.join(', ')}] is not an IP or CIDR: Istio rejects the policy`);
        else if (!list.some((v) => v.trim() === '0.0.0.0/0')) at([...path, field], `rule ${i}: ${field}: ${UNKNOWN_IP}`);
      }
    });
    (Array.isArray(to) ? to : []).forEach((t, j) => {
      const operation = getPath(t, ['operation']);
      if (!operation || typeof operation !== 'object' || Object.keys(operation).length === 0)
        at([...base, 'to', j], `rule ${i}: \`to.operation\` must not be empty: Istio rejects the policy`);
      for (const field of ['paths', 'notPaths']) {
        for (const v of values(getPath(t, ['operation', field]))) {
          const error = pathTemplateError(v);
          if (error) at([...base, 'to', j, 'operation', field], `rule ${i}: ${error}: Istio rejects the policy`);
        }
      }
    });
    const when = getPath(rule, ['when']);
    (Array.isArray(when) ? when : []).forEach((w, j) => {
      const key = String(getPath(w, ['key']) ?? '');
      const path = [...base, 'when', j, 'key'];
      const matcher = conditionMatcher(key);
      if (getPath(w, ['values']) === undefined && getPath(w, ['notValues']) === undefined)
        at(path, `rule ${i}: condition ${key}: neither values nor notValues: Istio rejects the policy`);
      if (
        action === 'CUSTOM' &&
        (key.startsWith('source.namespace') || key === 'source.serviceAccount' || key === 'source.principal' || key.startsWith('request.auth.'))
      ) {
        at(path, `rule ${i}: condition ${key} is not supported with the CUSTOM action: Istio rejects the policy`);
      }
      if (matcher.rejected) {
        at(path, `rule ${i}: condition ${matcher.rejected}: Istio rejects the policy (istiod skips the rule if it gets through)`);
        return;
      }
      const listed = [...values(getPath(w, ['values'])), ...values(getPath(w, ['notValues']))];
      if (['source.ip', 'remote.ip', 'destination.ip'].includes(key)) {
        const bad = badAddresses(listed);
        if (bad.length > 0) at(path, `rule ${i}: ${key} [${bad.join(', ')}] is not an IP or CIDR: Istio rejects the policy`);
        else if (!listed.some((v) => v.trim() === '0.0.0.0/0')) at(path, `rule ${i}: condition ${key}: ${UNKNOWN_IP}`);
      } else if (matcher.unknown?.({ port: 0, http: true }, listed)) {
        at(path, `rule ${i}: condition ${key}: ${matcher.unknown({ port: 0, http: true }, listed)}: the simulation assumes it does not match`);
      }
    });
  });
  return out;
}
