// ZT0422: AppArmor, SELinux or /proc masking switched off or overridden for a pod or container.
import { podSecurityRule } from '../templates/podSecurityStandards';
import { appArmor, procMount, seLinux } from '../templates/pssControls';

export const securityProfileOverride = podSecurityRule(
  {
    id: 'ZT0422',
    pillar: 4,
    severity: 'error',
    title: 'AppArmor, SELinux or /proc masking overridden',
    description:
      'The runtime confines containers with an AppArmor profile or an SELinux type and masks sensitive parts of /proc. Unconfined AppArmor, a custom SELinux user, role or type, or procMount: Unmasked take those layers away, and the baseline Pod Security level rejects each of them.',
    fixable: false,
  },
  [appArmor, seLinux, procMount],
  (v) => `${v.what}; keep the runtime's default confinement (remove the override)`,
);
