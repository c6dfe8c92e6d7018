// ZT0106: a principal written as a SPIFFE URI; Istio compares principals without the spiffe:// scheme.
import { replaceString } from '../../fix/replaceScalar';
import { policyFields } from '../templates/authorizationPolicy';
import type { Rule } from '../types';

const SCHEME = 'spiffe://';
const PRINCIPAL_FIELDS = new Set(['principals', 'notPrincipals']);

export const spiffePrefixPrincipal: Rule = {
  meta: {
    id: 'ZT0106',
    pillar: 1,
    severity: 'error',
    title: 'Principal written with spiffe://',
    description:
      'AuthorizationPolicy principals are the SPIFFE ID without its scheme ("cluster.local/ns/shop/sa/cart"). With "spiffe://" in front the value never equals a peer identity, so the rule matches nothing.',
    fixable: true,
    kinds: ['AuthorizationPolicy'],
  },
  checkResource(policy, ctx) {
    for (const field of policyFields(policy)) {
      const principal = field.section === 'source' && PRINCIPAL_FIELDS.has(field.name);
      if (!principal && !(field.section === 'when' && field.name === 'source.principal')) continue;
      field.values.forEach((value, i) => {
        if (!value.startsWith(SCHEME)) return;
        const path = [...field.valuesPath, i];
        const fixed = value.slice(SCHEME.length);
        ctx.report({
          resource: policy,
          path,
          message: `principal ${value} never matches: Istio principals have no spiffe:// prefix; write ${fixed}`,
          fix: () => ({ title: 'Remove the spiffe:// prefix', safe: true, edits: replaceString(policy, path, fixed) }),
        });
      });
    }
  },
};
