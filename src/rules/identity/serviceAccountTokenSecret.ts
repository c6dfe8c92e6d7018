// ZT0110: a Secret of type kubernetes.io/service-account-token: a ServiceAccount token that never expires.
import { getPath } from '../../model/workloads';
import type { Rule } from '../types';

export const serviceAccountTokenSecret: Rule = {
  meta: {
    id: 'ZT0110',
    pillar: 1,
    severity: 'warning',
    title: 'Long-lived ServiceAccount token Secret',
    description:
      'A Secret of type kubernetes.io/service-account-token makes the control plane mint a token for the named ServiceAccount that never expires and is not bound to a pod: whoever reads the Secret once (a backup, a log, anyone with get on secrets) holds the identity until the Secret is deleted. Pods get short-lived, audience-bound tokens through projected volumes; external clients can use kubectl create token or the TokenRequest API.',
    fixable: false,
    kinds: ['Secret'],
  },
  checkResource(secret, ctx) {
    if (getPath(secret.obj, ['type']) !== 'kubernetes.io/service-account-token') return;
    const account = getPath(secret.obj, ['metadata', 'annotations', 'kubernetes.io/service-account.name']);
    ctx.report({
      resource: secret,
      path: ['type'],
      message: `Secret ${secret.name} holds a token${typeof account === 'string' ? ` of ServiceAccount ${account}` : ''} that never expires; use short-lived tokens (projected volumes, kubectl create token, the TokenRequest API) and delete the Secret`,
    });
  },
};
