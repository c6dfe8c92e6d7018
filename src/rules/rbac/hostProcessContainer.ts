// ZT0421: Windows HostProcess containers, which run as processes of the node itself.
import { podSecurityRule } from '../templates/podSecurityStandards';
import { hostProcess } from '../templates/pssControls';

export const hostProcessContainer = podSecurityRule(
  {
    id: 'ZT0421',
    pillar: 4,
    severity: 'error',
    title: 'Windows HostProcess container',
    description:
      "A HostProcess container is a process on the Windows node with the host's network and filesystem and no container boundary: the equivalent of a privileged container with host namespaces. The baseline Pod Security level forbids it.",
    fixable: false,
  },
  [hostProcess],
  (v) => `${v.what}, with the node's privileges; run node agents from a dedicated, audited namespace or remove windowsOptions.hostProcess`,
);
