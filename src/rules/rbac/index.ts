// Rules of pillar 04, RBAC, multitenancy and isolation (Kubernetes RBAC, pod security, Istio authorization coverage): one module per rule.
import type { Rule } from '../types';
import { capabilitiesNotDropped } from './capabilitiesNotDropped';
import { hostProcessContainer } from './hostProcessContainer';
import { podSecurityLevelRejects } from './podSecurityLevelRejects';
import { privilegeEscalationAllowed } from './privilegeEscalationAllowed';
import { seccompNotConfined } from './seccompNotConfined';
import { securityProfileOverride } from './securityProfileOverride';
import { sensitiveHostPathRule } from './sensitiveHostPath';
import { unsafeSysctls } from './unsafeSysctls';
import { writableRootFilesystem } from './writableRootFilesystem';
import { allowAllAuthorizationPolicy } from './allowAllAuthorizationPolicy';
import { bindingToAllUsers } from './bindingToAllUsers';
import { bindingToMissingServiceAccount } from './bindingToMissingServiceAccount';
import { clusterAdminBinding } from './clusterAdminBinding';
import { clusterAdminEquivalentRole } from './clusterAdminEquivalentRole';
import { credentialMintingGrant } from './credentialMintingGrant';
import { dangerousCapabilities } from './dangerousCapabilities';
import { hostNamespaces } from './hostNamespaces';
import { hostPathVolume } from './hostPathVolume';
import { httpFieldsInTcpRule } from './httpFieldsInTcpRule';
import { mtlsOnlyFieldsOnPlaintext } from './mtlsOnlyFieldsOnPlaintext';
import { namespaceWithoutAuthorizationPolicy } from './namespaceWithoutAuthorizationPolicy';
import { podExecGrant } from './podExecGrant';
import { privilegedContainer } from './privilegedContainer';
import { privilegeEscalationVerbs } from './privilegeEscalationVerbs';
import { runAsRoot } from './runAsRoot';
import { secretsReadGrant } from './secretsReadGrant';
import { wildcardGrant } from './wildcardGrant';
import { workloadCreateGrant } from './workloadCreateGrant';

export const rules: Rule[] = [
  wildcardGrant,
  clusterAdminBinding,
  secretsReadGrant,
  podExecGrant,
  privilegeEscalationVerbs,
  bindingToMissingServiceAccount,
  privilegedContainer,
  hostNamespaces,
  hostPathVolume,
  dangerousCapabilities,
  runAsRoot,
  allowAllAuthorizationPolicy,
  namespaceWithoutAuthorizationPolicy,
  mtlsOnlyFieldsOnPlaintext,
  httpFieldsInTcpRule,
  privilegeEscalationAllowed,
  writableRootFilesystem,
  seccompNotConfined,
  capabilitiesNotDropped,
  unsafeSysctls,
  hostProcessContainer,
  securityProfileOverride,
  sensitiveHostPathRule,
  podSecurityLevelRejects,
  clusterAdminEquivalentRole,
  workloadCreateGrant,
  credentialMintingGrant,
  bindingToAllUsers,
];
