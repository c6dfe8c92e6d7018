// Rules of pillar 04, RBAC, multitenancy and isolation (Kubernetes RBAC, pod security, Istio authorization coverage): one module per rule.
import type { Rule } from '../types';
import { allowAllAuthorizationPolicy } from './allowAllAuthorizationPolicy';
import { bindingToMissingServiceAccount } from './bindingToMissingServiceAccount';
import { clusterAdminBinding } from './clusterAdminBinding';
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
];
