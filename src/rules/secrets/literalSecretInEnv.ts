// ZT0901: a container env var whose name says credential and whose value is written in the manifest.
import { WORKLOAD_KINDS } from '../../model/workloads';
import type { Rule } from '../types';
import { isSecretName } from './secretPatterns';
import { envVars } from './workloadSecretRefs';

/** `$(OTHER_VAR)` references compose other variables and hold no secret themselves. */
const VARIABLE_REFERENCE = /\$\([A-Za-z_][A-Za-z0-9_]*\)/g;

export const literalSecretInEnv: Rule = {
  meta: {
    id: 'ZT0901',
    pillar: 9,
    severity: 'error',
    title: 'Secret written into an env var',
    description:
      'A password, token or key written as an env `value` is stored in plain text in Git, in the Deployment object (readable with `get deployments`), in `kubectl describe` output and in every ReplicaSet revision. It cannot be rotated without a deploy. Reference a Secret (better: mount it as a file) or fetch it from a secret store.',
    fixable: false,
    kinds: [...WORKLOAD_KINDS],
  },
  checkResource(r, ctx) {
    for (const { path, container, env } of envVars(r)) {
      const name = env.name;
      const value = env.value;
      if (typeof name !== 'string' || !isSecretName(name)) continue;
      if (typeof value !== 'string' && typeof value !== 'number') continue;
      const text = String(value);
      if (text.replace(VARIABLE_REFERENCE, '').trim() === '') continue;
      // The value is never part of the message.
      ctx.report({
        resource: r,
        path: [...path, 'value'],
        message: `env ${name} of container ${container} holds a literal secret; move it to a Secret mounted as a file (or an external secret store) and rotate it`,
      });
    }
  },
};
