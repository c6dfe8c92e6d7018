// ZT0420: pods that set sysctls outside the safe, namespaced set, which reach the node or other pods.
import { podSecurityRule } from '../templates/podSecurityStandards';
import { sysctls } from '../templates/pssControls';

export const unsafeSysctls = podSecurityRule(
  {
    id: 'ZT0420',
    pillar: 4,
    severity: 'error',
    title: 'Pod sets an unsafe sysctl',
    description:
      'Only a short list of sysctls is namespaced and harmless (kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, tcp keepalive settings and a few more). Others change kernel behaviour for the whole node or its other pods, or open ways around isolation; the baseline Pod Security level rejects them.',
    fixable: false,
  },
  [sysctls],
  (v) => `${v.what}, which is not in the baseline Pod Security safe set; remove it or set it on the node`,
);
