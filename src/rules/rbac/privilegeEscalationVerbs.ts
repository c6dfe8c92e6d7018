// ZT0405: a role with escalate, bind or impersonate, the verbs that step around RBAC itself, by name or through "*" verbs.
import { RBAC } from '../../model/kinds';
import { rbacGrantRule, resourceEntry, type GrantFinding, type PolicyRuleView } from '../templates/rbacGrant';

const WHY: Record<string, string> = {
  escalate: 'edit roles to grant permissions it does not have',
  bind: 'bind any role, including cluster-admin, to itself',
  impersonate: 'act as any user, group or ServiceAccount',
};

/** The objects each verb acts on: escalate and bind on roles, impersonate on identities; elsewhere the verb means nothing. */
function actsOn(rule: PolicyRuleView, verb: string): boolean {
  if (verb === 'impersonate')
    return (
      ['users', 'groups', 'serviceaccounts'].some((r) => resourceEntry(rule, '', r) >= 0) ||
      ['uids', 'userextras/*'].some((r) => resourceEntry(rule, 'authentication.k8s.io', r) >= 0)
    );
  return ['roles', 'clusterroles'].some((r) => resourceEntry(rule, RBAC, r) >= 0);
}

/** What "*" verbs imply on the objects these verbs act on: escalate and bind on roles, impersonate on identities. */
function wildcardImplies(rule: PolicyRuleView): { verbs: string; on: string }[] {
  const out: { verbs: string; on: string }[] = [];
  const roles = ['roles', 'clusterroles'].filter((r) => resourceEntry(rule, RBAC, r) >= 0);
  if (roles.length > 0) out.push({ verbs: 'escalate and bind', on: roles.join(' and ') });
  const identities = ['users', 'groups', 'serviceaccounts'].filter((r) => resourceEntry(rule, '', r) >= 0);
  if (identities.length > 0) out.push({ verbs: 'impersonate', on: identities.join(', ') });
  return out;
}

export const privilegeEscalationVerbs = rbacGrantRule(
  {
    id: 'ZT0405',
    pillar: 4,
    severity: 'error',
    title: 'Role can escalate, bind or impersonate',
    description:
      'escalate, bind and impersonate exist to bypass RBAC\'s own escalation checks: whoever holds them can give themselves any permission in scope. Only cluster administrators should have them. "*" verbs on roles or clusterroles include escalate and bind, and on users, groups or serviceaccounts include impersonate; on other resources these verbs mean nothing and are not reported.',
    fixable: true,
  },
  (rule, role) => {
    const indices = rule.verbs.flatMap((verb, i) => (Object.hasOwn(WHY, verb) && actsOn(rule, verb) ? [i] : []));
    const named: GrantFinding[] = indices.map((i) => ({
      field: ['verbs', i],
      message: `${role.kind} ${role.name} grants ${rule.verbs[i]}, so its holders can ${WHY[rule.verbs[i]]}; remove the verb`,
      remove: { list: 'verbs' as const, indices },
    }));
    const star = rule.verbs.indexOf('*');
    if (star < 0) return named;
    const implied = wildcardImplies(rule).map(({ verbs, on }) => ({
      field: ['verbs', star],
      message: `${role.kind} ${role.name} grants "*" verbs on ${on}, which include ${verbs}, so its holders can give themselves any permission in scope; list the verbs it needs`,
    }));
    return [...named, ...implied];
  },
);
