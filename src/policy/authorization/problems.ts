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

function values(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}

/** Problems of one policy, in rule order; `line` is 1-based and points at the field concerned. */
export function authorizationPolicyProblems(p: MeshPolicy): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  const at = (path: (string | number)[], message: string) => out.push({ line: fieldRange(p.resource, path).start.line + 1, message });
  const rules = getPath(p.resource.obj, ['spec', 'rules']);
  if (!Array.isArray(rules)) return out;
  rules.forEach((rule, i) => {
    const base = ['spec', 'rules', i];
    const from = getPath(rule, ['from']);
    (Array.isArray(from) ? from : []).forEach((f, j) => {
      const source = (getPath(f, ['source']) ?? {}) as Record<string, unknown>;
      const path = [...base, 'from', j, 'source'];
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
    const to = getPath(rule, ['to']);
    (Array.isArray(to) ? to : []).forEach((t, j) => {
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
