// Rules of pillar 01, identity (authentication and identities used by authorization): one module per rule, listed here.
import type { Rule } from '../types';
import { defaultServiceAccount } from './defaultServiceAccount';
import { jwksOverPlaintext } from './jwksOverPlaintext';
import { jwtRuleWithoutRequestAuthentication } from './jwtRuleWithoutRequestAuthentication';
import { missingServiceAccount } from './missingServiceAccount';
import { principalTrustDomainRule } from './principalTrustDomain';
import { principalWithoutServiceAccount } from './principalWithoutServiceAccount';
import { requestAuthenticationWithoutRequirement } from './requestAuthenticationWithoutRequirement';
import { serviceAccountTokenAutomount } from './serviceAccountTokenAutomount';
import { serviceAccountTokenSecret } from './serviceAccountTokenSecret';
import { spiffePrefixPrincipal } from './spiffePrefixPrincipal';

export const rules: Rule[] = [
  defaultServiceAccount,
  serviceAccountTokenAutomount,
  jwtRuleWithoutRequestAuthentication,
  principalTrustDomainRule,
  requestAuthenticationWithoutRequirement,
  spiffePrefixPrincipal,
  jwksOverPlaintext,
  principalWithoutServiceAccount,
  missingServiceAccount,
  serviceAccountTokenSecret,
];
