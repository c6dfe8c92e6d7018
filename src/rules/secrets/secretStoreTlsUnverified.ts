// ZT0910: secrets fetched from a store over a connection that is not verified (Vault agent tls-skip-verify, http:// store).
import { replaceString } from '../../fix/replaceScalar';
import { getPath, podTemplate } from '../../model/workloads';
import type { Rule } from '../types';

const SKIP_VERIFY = 'vault.hashicorp.com/tls-skip-verify';

export const secretStoreTlsUnverified: Rule = {
  meta: {
    id: 'ZT0910',
    pillar: 9,
    severity: 'error',
    title: 'Secret store connection not verified',
    description:
      'Secrets are only as safe as the channel that fetches them. A Vault agent with `vault.hashicorp.com/tls-skip-verify: "true"` accepts any server certificate, and a SecretStore whose Vault `server` is `http://` sends tokens and secrets in clear: anyone on the path can read or replace them.',
    fixable: true,
    kinds: ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'SecretStore', 'ClusterSecretStore'],
  },
  checkResource(r, ctx) {
    if (r.kind === 'SecretStore' || r.kind === 'ClusterSecretStore') {
      const server = getPath(r.obj, ['spec', 'provider', 'vault', 'server']);
      if (typeof server === 'string' && /^http:\/\//i.test(server)) {
        ctx.report({
          resource: r,
          path: ['spec', 'provider', 'vault', 'server'],
          message: 'the Vault server is reached over plain http, so tokens and secrets cross the network in clear; use https with caBundle or caProvider',
        });
      }
      return;
    }
    const tpl = podTemplate(r);
    if (!tpl || !/^true$/i.test(tpl.annotations[SKIP_VERIFY] ?? '')) return;
    const path = [...tpl.metadataPath, 'annotations', SKIP_VERIFY];
    ctx.report({
      resource: r,
      path,
      message:
        'the Vault agent skips TLS verification, so any server can hand it secrets or steal its token; set it to "false" and configure vault.hashicorp.com/ca-cert',
      fix: () => ({ title: 'Verify the Vault server certificate', safe: true, edits: replaceString(r, path, 'false') }),
    });
  },
};
