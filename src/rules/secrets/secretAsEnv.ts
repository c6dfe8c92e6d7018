// ZT0903: a Secret exposed to a container as environment variables (secretKeyRef, envFrom secretRef) instead of files.
import { WORKLOAD_KINDS, getPath } from '../../model/workloads';
import type { Rule } from '../types';
import { envFromSources, envVars } from './workloadSecretRefs';

export const secretAsEnv: Rule = {
  meta: {
    id: 'ZT0903',
    pillar: 9,
    severity: 'warning',
    title: 'Secret exposed as environment variables',
    description:
      'Environment variables leak: child processes inherit them, crash reporters and debug endpoints dump them, and /proc/<pid>/environ exposes them to anything running as the same user. They also never change while the process runs, so a rotated Secret needs a restart. Mount the Secret as a read-only volume and read the file instead.',
    fixable: false,
    kinds: [...WORKLOAD_KINDS],
  },
  checkResource(r, ctx) {
    for (const { path, container, env } of envVars(r)) {
      const ref = getPath(env, ['valueFrom', 'secretKeyRef']);
      if (!ref) continue;
      ctx.report({
        resource: r,
        path: [...path, 'valueFrom', 'secretKeyRef'],
        part: 'key',
        message: `env ${String(env.name)} of container ${container} reads Secret ${String(getPath(ref, ['name']) ?? '?')} into the environment; mount the Secret as a file instead`,
      });
    }
    for (const { path, source } of envFromSources(r)) {
      const ref = source.secretRef;
      if (!ref) continue;
      ctx.report({
        resource: r,
        path: [...path, 'secretRef'],
        part: 'key',
        message: `envFrom loads every key of Secret ${String(getPath(ref, ['name']) ?? '?')} into the environment; mount the Secret as a file instead`,
      });
    }
  },
};
