// ZT0416: a container that may gain more privileges than its process started with (setuid binaries, file capabilities).
import { podSecurityRule } from '../templates/podSecurityStandards';
import { privilegeEscalation } from '../templates/pssControls';

export const privilegeEscalationAllowed = podSecurityRule(
  {
    id: 'ZT0416',
    pillar: 4,
    severity: 'warning',
    title: 'Container allows privilege escalation',
    description:
      'Unless allowPrivilegeEscalation is false, a process in the container can gain privileges through setuid binaries or file capabilities (no_new_privs is not set): a foothold as an unprivileged user becomes root in the container, one step from the node. The restricted Pod Security level requires false.',
    fixable: true,
    fixNeedsReview: true,
  },
  [privilegeEscalation],
  (v) => `${v.what}; set securityContext.allowPrivilegeEscalation: false`,
);
