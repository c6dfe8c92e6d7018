// Rules of pillar 02, secure channel (mTLS): each rule is a module in this folder, listed here.
import type { Rule } from '../types';
import { autoMtlsDisabled } from './autoMtlsDisabled';
import { destinationRuleSimpleTls } from './destinationRuleSimpleTls';
import { destinationRuleTlsDisabled } from './destinationRuleTlsDisabled';
import { linkerdProxyOptOut } from './linkerdProxyOptOut';
import { namespaceWithoutSidecarInjection } from './namespaceWithoutSidecarInjection';
import { namespaceWithoutStrictMtls } from './namespaceWithoutStrictMtls';
import { peerAuthenticationNotStrict } from './peerAuthenticationNotStrict';
import { portLevelMtlsWithoutSelector } from './portLevelMtlsWithoutSelector';
import { trafficCaptureExclusion } from './trafficCaptureExclusion';
import { workloadSidecarOptOut } from './workloadSidecarOptOut';

export const rules: Rule[] = [
  peerAuthenticationNotStrict,
  destinationRuleTlsDisabled,
  destinationRuleSimpleTls,
  namespaceWithoutSidecarInjection,
  workloadSidecarOptOut,
  namespaceWithoutStrictMtls,
  portLevelMtlsWithoutSelector,
  autoMtlsDisabled,
  trafficCaptureExclusion,
  linkerdProxyOptOut,
];
