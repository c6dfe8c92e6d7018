// ZT0502: an ALLOW AuthorizationPolicy whose ipBlocks or remoteIpBlocks admit 0.0.0.0/0 (or ::/0).
import { replaceString } from '../../fix/replaceScalar';
import { policyAction, policyFields } from '../templates/authorizationPolicy';
import type { Rule } from '../types';
import { isOpenToWorld } from './cidr';

const IP_FIELDS = new Set(['ipBlocks', 'remoteIpBlocks']);

export const authorizationPolicyOpenIpBlocks: Rule = {
  meta: {
    id: 'ZT0502',
    pillar: 5,
    severity: 'error',
    title: 'AuthorizationPolicy allows any source IP',
    description:
      'ipBlocks (the peer address) and remoteIpBlocks (the original client, from X-Forwarded-For or PROXY protocol) of 0.0.0.0/0 in an ALLOW rule match every address, so the rule is no IP allow-list at all.',
    fixable: true,
    kinds: ['AuthorizationPolicy'],
  },
  checkResource(policy, ctx) {
    if (policyAction(policy) !== 'ALLOW') return;
    const allowed = ctx.config.allowedCidrs;
    for (const f of policyFields(policy)) {
      if (f.section !== 'source' || !IP_FIELDS.has(f.name)) continue;
      f.values.forEach((cidr, i) => {
        if (!isOpenToWorld(cidr)) return;
        const path = [...f.valuesPath, i];
        ctx.report({
          resource: policy,
          path,
          message: `${f.name} ${cidr} matches every address; list the trusted source networks instead${allowed.length ? ` (allowedCidrs: ${allowed.join(', ')})` : ''}`,
          fix: allowed.length === 1 ? () => ({ title: `Allow only ${allowed[0]}`, safe: true, edits: replaceString(policy, path, allowed[0]) }) : undefined,
        });
      });
    }
  },
};
