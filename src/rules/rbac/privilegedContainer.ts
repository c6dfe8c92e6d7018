// ZT0407: a privileged container, which has every capability and the host's devices.
import { riskyFlagRule } from '../templates/podSecurity';

export const privilegedContainer = riskyFlagRule({
  meta: {
    id: 'ZT0407',
    pillar: 4,
    severity: 'error',
    title: 'Privileged container',
    description:
      "A privileged container runs with all capabilities and access to the host's devices; escaping to the node is trivial, and from the node every pod, secret and sidecar certificate on it is reachable.",
    fixable: true,
  },
  level: 'container',
  fields: ['privileged'],
  message: (_f, where) => `${where} is privileged; set securityContext.privileged: false and add only the capabilities it needs`,
  fix: true,
});
