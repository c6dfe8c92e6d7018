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
    fixable: false,
  },
  (rule, role) =>
    rule.verbs.flatMap((verb, i) =>
      verb in WHY ? [{ field: ['verbs', i], message: `${role.kind} ${role.name} grants ${verb}, so its holders can ${WHY[verb]}; remove the verb` }] : [],
    ),
);
