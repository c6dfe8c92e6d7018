// Rules of pillar 05, allow-listing trusted sources: one module per rule, listed here.
import type { Rule } from '../types';
import { authorizationPolicyOpenIpBlocks } from './authorizationPolicyOpenIpBlocks';
import { ingressRuleFromAnywhere } from './ingressRuleFromAnywhere';
import { ingressWithoutAllowList } from './ingressWithoutAllowList';
import { loadBalancerWithoutSourceRanges } from './loadBalancerWithoutSourceRanges';
import { namespaceWithoutDefaultDeny } from './namespaceWithoutDefaultDeny';
import { networkPolicyOpenToWorld } from './networkPolicyOpenToWorld';
import { networkPolicySelectsNothing } from './networkPolicySelectsNothing';
import { sourceOutsideAllowedCidrs } from './sourceOutsideAllowedCidrs';

export const rules: Rule[] = [
  networkPolicyOpenToWorld,
  authorizationPolicyOpenIpBlocks,
  loadBalancerWithoutSourceRanges,
  ingressWithoutAllowList,
  namespaceWithoutDefaultDeny,
  networkPolicySelectsNothing,
  ingressRuleFromAnywhere,
  sourceOutsideAllowedCidrs,
];
