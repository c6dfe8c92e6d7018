// ZT0403: a role that can read Secrets (get/list/watch), i.e. every credential of the namespace or cluster, by name or through "*".
import { grantsVerb, isWildcardEntry, rbacGrantRule, resourceEntry } from '../templates/rbacGrant';

const READ = ['get', 'list', 'watch'];
// list and watch return every secret's data, whatever resourceNames say.
const BULK = ['list', 'watch', '*'];

export const secretsReadGrant = rbacGrantRule(
  {
    id: 'ZT0403',
    pillar: 4,
    severity: 'warning',
    title: 'Role can read Secrets',
    description:
      'get, list or watch on secrets returns their data: every token, password and private key in scope. list/watch cannot be narrowed by resourceNames; only grant get on the named secrets a workload needs. A "*" in resources or apiGroups includes Secrets.',
    fixable: false,
  },
  (rule, role) => {
    const at = resourceEntry(rule, '', 'secrets');
    if (at < 0 || !grantsVerb(rule, READ)) return [];
    if (rule.resourceNames.length > 0 && !rule.verbs.some((v) => BULK.includes(v))) return [];
    const scope = role.kind === 'ClusterRole' ? 'in every namespace it is bound for' : 'in its namespace';
    const via = isWildcardEntry(rule, at) ? ` (through "${rule.resources[at]}" resources, which include secrets)` : '';
    return [
      {
        field: ['resources', at],
        message: `${role.kind} ${role.name} can read all Secrets ${scope}${via}; grant get on the named secrets (resourceNames) it needs instead`,
      },
    ];
  },
);
