// ZT0419: a container that keeps the runtime's default capabilities instead of dropping ALL.
import { podSecurityRule } from '../templates/podSecurityStandards';
import { dropAllCapabilities } from '../templates/pssControls';

export const capabilitiesNotDropped = podSecurityRule(
  {
    id: 'ZT0419',
    pillar: 4,
    severity: 'warning',
    title: 'Container does not drop ALL capabilities',
    description:
      'Container runtimes grant a default set of capabilities, NET_RAW (craft packets, spoof ARP and DNS inside the node network) and SETUID, CHOWN, DAC_OVERRIDE among them. The restricted Pod Security level requires capabilities.drop: [ALL], adding back NET_BIND_SERVICE only when needed.',
    fixable: true,
    fixNeedsReview: true,
  },
  [dropAllCapabilities],
  (v) => `${v.what}; set securityContext.capabilities.drop: [ALL] and add back only what it needs`,
);
