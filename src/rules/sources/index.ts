// Rules of pillar 05, allow-listing trusted sources: one module per rule, listed here.
import type { Rule } from '../types';
import { authorizationPolicyOpenIpBlocks } from './authorizationPolicyOpenIpBlocks';
import { hostPortBinding } from './hostPortBinding';
import { ingressRuleFromAnywhere } from './ingressRuleFromAnywhere';
import { ingressWithoutAllowList } from './ingressWithoutAllowList';
import { loadBalancerWithoutSourceRanges } from './loadBalancerWithoutSourceRanges';
import { mutableImage } from './mutableImage';
import { namespaceWithoutDefaultDeny } from './namespaceWithoutDefaultDeny';
import { networkPolicyOpenToWorld } from './networkPolicyOpenToWorld';
import { networkPolicySelectsNothing } from './networkPolicySelectsNothing';
import { nodePortService } from './nodePortService';
import { serviceExternalIps } from './serviceExternalIps';
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
  nodePortService,
  hostPortBinding,
  serviceExternalIps,
  mutableImage,
];
