// ZT0404: a role that can exec or attach into pods, i.e. run commands as any workload it reaches.
import { coversCoreResource, grantsVerb, rbacGrantRule } from '../templates/rbacGrant';

// The exec/attach upgrade is a GET over websockets and a POST over SPDY, so both verbs open a shell.
const EXEC_VERBS = ['create', 'get'];

export const podExecGrant = rbacGrantRule(
  {
    id: 'ZT0404',
    pillar: 4,
    severity: 'warning',
    title: 'Role can exec into pods',
    description:
      'pods/exec and pods/attach let the holder run commands inside any pod in scope, with that pod\'s identity, mounted secrets and network position: a full bypass of workload isolation and of mesh policies.',
    fixable: true,
  },
  (rule, role) => {
    if (!grantsVerb(rule, EXEC_VERBS)) return [];
    const found = ['pods/exec', 'pods/attach'].map((sub) => ({ sub, at: coversCoreResource(rule, sub) })).filter((f) => f.at >= 0);
    const remove = { list: 'resources' as const, indices: found.map((f) => f.at) };
    return found.map(({ sub, at }) => ({
      field: ['resources', at],
      message: `${role.kind} ${role.name} grants ${sub}, so its holders can run commands in pods; remove it and use audited break-glass access`,
      remove,
    }));
  },
);
