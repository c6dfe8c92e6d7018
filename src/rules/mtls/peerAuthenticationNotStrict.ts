// ZT0201: a PeerAuthentication that lets plaintext in (PERMISSIVE or DISABLE), at any level.
import { setField } from '../../fix/yamlEdit';
import { getPath } from '../../model/workloads';
import type { Rule } from '../types';

const WEAK = new Set(['PERMISSIVE', 'DISABLE']);

export const peerAuthenticationNotStrict: Rule = {
  meta: {
    id: 'ZT0201',
    pillar: 2,
    severity: 'error',
    title: 'PeerAuthentication allows plaintext',
    description:
      'PERMISSIVE and DISABLE let workloads accept plaintext traffic, so a caller without a mesh identity can reach them and authorization by principal cannot hold.',
    fixable: true,
    kinds: ['PeerAuthentication'],
  },
  checkResource(r, ctx) {
    const mode = getPath(r.obj, ['spec', 'mtls', 'mode']);
    if (typeof mode === 'string' && WEAK.has(mode)) {
      ctx.report({
        resource: r,
        path: ['spec', 'mtls', 'mode'],
        message: `mTLS mode ${mode} accepts plaintext; set spec.mtls.mode to STRICT once every client has a sidecar`,
        fix: () => ({ title: 'Set mTLS mode to STRICT', safe: true, edits: setField(r, ['spec', 'mtls', 'mode'], 'STRICT') }),
      });
    }
    const ports = getPath(r.obj, ['spec', 'portLevelMtls']);
    if (ports && typeof ports === 'object') {
      for (const [port, setting] of Object.entries(ports as Record<string, unknown>)) {
        const portMode = getPath(setting, ['mode']);
        if (typeof portMode === 'string' && WEAK.has(portMode)) {
          ctx.report({
            resource: r,
            path: ['spec', 'portLevelMtls', port, 'mode'],
            message: `port ${port} uses mTLS mode ${portMode} and accepts plaintext; set it to STRICT`,
            fix: () => ({ title: `Set port ${port} mTLS mode to STRICT`, safe: true, edits: setField(r, ['spec', 'portLevelMtls', port, 'mode'], 'STRICT') }),
          });
        }
      }
    }
  },
};
