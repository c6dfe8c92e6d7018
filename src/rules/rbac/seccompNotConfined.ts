// ZT0418: pods that run without a seccomp profile: Unconfined anywhere, or none at all where the restricted level applies.
import { podSecurityRule } from '../templates/podSecurityStandards';
import { seccompRequired, seccompUnconfined } from '../templates/pssControls';

export const seccompNotConfined = podSecurityRule(
  {
    id: 'ZT0418',
    pillar: 4,
    severity: 'warning',
    title: 'Seccomp profile missing or Unconfined',
    description:
      'Seccomp filters the system calls a container may make; without it every kernel interface is open to a compromised process, and most container escapes go through a system call the default profile blocks. The baseline Pod Security level forbids Unconfined; the restricted level requires RuntimeDefault or Localhost on the pod or on every container.',
    fixable: true,
    fixNeedsReview: true,
  },
  [seccompUnconfined, seccompRequired],
  (v) => `${v.what}; set securityContext.seccompProfile.type: RuntimeDefault in the pod spec`,
);
