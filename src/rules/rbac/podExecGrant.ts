// ZT0404: a role that can exec or attach into pods, i.e. run commands as any workload it reaches (by name or through "*").
import { grantsVerb, isWildcardEntry, rbacGrantRule, resourceEntry } from '../templates/rbacGrant';

// The exec/attach upgrade is a GET over websockets and a POST over SPDY, so both verbs open a shell.
const EXEC_VERBS = ['create', 'get'];

export const podExecGrant = rbacGrantRule(
  {
    id: 'ZT0404',
    pillar: 4,
    severity: 'warning',
    title: 'Role can exec into pods',
    description:
      'pods/exec and pods/attach let the holder run commands inside any pod in scope, with that pod\'s identity, mounted secrets and network position: a full bypass of workload isolation and of mesh policies. A "*" in resources includes both.',
    fixable: true,
  },
  (rule, role) => {
    if (!grantsVerb(rule, EXEC_VERBS)) return [];
    const found = ['pods/exec', 'pods/attach'].map((sub) => ({ sub, at: resourceEntry(rule, '', sub) })).filter((f) => f.at >= 0);
    const named = found.filter((f) => !isWildcardEntry(rule, f.at));
    // A wildcard grants both at once: one finding on it, and no fix (removing "*" is a redesign of the role).
    const wildcards = [...new Set(found.filter((f) => isWildcardEntry(rule, f.at)).map((f) => f.at))];
    const remove = wildcards.length === 0 ? { list: 'resources' as const, indices: named.map((f) => f.at) } : undefined;
    return [
      ...named.map(({ sub, at }) => ({
        field: ['resources', at],
        message: `${role.kind} ${role.name} grants ${sub}, so its holders can run commands in pods; remove it and use audited break-glass access`,
        remove,
      })),
      ...wildcards.map((at) => ({
        field: ['resources', at],
        message: `${role.kind} ${role.name} grants "${rule.resources[at]}" resources, which include pods/exec and pods/attach, so its holders can run commands in pods; list the resources it needs`,
      })),
    ];
  },
);
