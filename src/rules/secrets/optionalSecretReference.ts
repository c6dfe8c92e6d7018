// ZT0908: a Secret reference marked optional, so a missing secret silently becomes an empty credential.
import { setField } from '../../fix/yamlEdit';
import { WORKLOAD_KINDS, getPath } from '../../model/workloads';
import type { FieldPath } from '../../model/position';
import type { Rule } from '../types';
import { envFromSources, envVars, podVolumes } from './workloadSecretRefs';

export const optionalSecretReference: Rule = {
  meta: {
    id: 'ZT0908',
    pillar: 9,
    severity: 'warning',
    title: 'Secret reference is optional',
    description:
      'With `optional: true` a pod starts even when its Secret (or key) is missing: the env var is unset or the volume is empty. Applications then often fall back to no authentication or a default password instead of failing. A required reference makes a missing secret a visible start-up error.',
    fixable: true,
    kinds: [...WORKLOAD_KINDS],
  },
  checkResource(r, ctx) {
    const refs: { path: FieldPath; what: string }[] = [];
    for (const { path, env } of envVars(r)) {
      if (getPath(env, ['valueFrom', 'secretKeyRef', 'optional']) === true)
        refs.push({ path: [...path, 'valueFrom', 'secretKeyRef', 'optional'], what: `env ${String(env.name)}` });
    }
    for (const { path, source } of envFromSources(r)) {
      if (getPath(source, ['secretRef', 'optional']) === true) refs.push({ path: [...path, 'secretRef', 'optional'], what: 'envFrom' });
    }
    for (const { path, volume } of podVolumes(r)) {
      if (getPath(volume, ['secret', 'optional']) === true) refs.push({ path: [...path, 'secret', 'optional'], what: `volume ${String(volume.name)}` });
    }
    for (const { path, what } of refs) {
      ctx.report({
        resource: r,
        path,
        message: `${what} starts without its Secret when the Secret is missing; set optional: false so a missing secret fails the pod`,
        fix: () => ({ title: 'Require the Secret', safe: true, edits: setField(r, path, false) }),
      });
    }
  },
};
