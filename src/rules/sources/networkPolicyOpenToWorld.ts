// ZT0501: a NetworkPolicy that admits ingress from 0.0.0.0/0 (or ::/0).
import { replaceString } from '../../fix/replaceScalar';
import type { Rule } from '../types';
import { isOpenToWorld } from './cidr';
import { ingressIpBlocks } from './networkPolicyPeers';

export const networkPolicyOpenToWorld: Rule = {
  meta: {
    id: 'ZT0501',
    pillar: 5,
    severity: 'error',
    title: 'NetworkPolicy admits the whole internet',
    description:
      'An ingress ipBlock of 0.0.0.0/0 or ::/0 admits every address, which turns an allow-list into an allow-all for the selected pods. Name the networks that may connect (ztn.yaml allowedCidrs documents them).',
    fixable: true,
    kinds: ['NetworkPolicy'],
  },
  checkResource(np, ctx) {
    const allowed = ctx.config.allowedCidrs;
    for (const block of ingressIpBlocks(np)) {
      if (!isOpenToWorld(block.cidr)) continue;
      const excepting = block.except.length > 0 ? ` (except ${block.except.join(', ')})` : '';
      ctx.report({
        resource: np,
        path: block.path,
        message: `ingress from ${block.cidr}${excepting} admits any address; allow only the source networks that need access${allowed.length ? ` (allowedCidrs: ${allowed.join(', ')})` : ''}`,
        // With exactly one declared trusted network the replacement is unambiguous.
        fix: allowed.length === 1 ? () => ({ title: `Allow only ${allowed[0]}`, safe: true, edits: replaceString(np, block.path, allowed[0]) }) : undefined,
      });
    }
  },
};
