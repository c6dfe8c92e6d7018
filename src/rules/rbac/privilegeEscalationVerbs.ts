// ZT0405: a role with escalate, bind or impersonate, the verbs that step around RBAC itself.
import { rbacGrantRule } from '../templates/rbacGrant';

const WHY: Record<string, string> = {
  escalate: 'edit roles to grant permissions it does not have',
  bind: 'bind any role, including cluster-admin, to itself',
  impersonate: 'act as any user, group or ServiceAccount',
};

export const privilegeEscalationVerbs = rbacGrantRule(
  {
    id: 'ZT0405',
    pillar: 4,
    severity: 'error',
    title: 'Role can escalate, bind or impersonate',
    description:
      'escalate, bind and impersonate exist to bypass RBAC\'s own escalation checks: whoever holds them can give themselves any permission in scope. Only cluster administrators should have them.',
    fixable: true,
  },
  (rule, role) => {
    const indices = rule.verbs.flatMap((verb, i) => (Object.hasOwn(WHY, verb) ? [i] : []));
    return indices.map((i) => ({
      field: ['verbs', i],
      message: `${role.kind} ${role.name} grants ${rule.verbs[i]}, so its holders can ${WHY[rule.verbs[i]]}; remove the verb`,
      remove: { list: 'verbs' as const, indices },
    }));
  },
);
