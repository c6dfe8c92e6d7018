// ZT0107: a JWT issuer whose signing keys are fetched over plain HTTP, so whoever is on the path can mint tokens.
import { replaceString } from '../../fix/replaceScalar';
import { getPath } from '../../model/workloads';
import type { Rule } from '../types';

export const jwksOverPlaintext: Rule = {
  meta: {
    id: 'ZT0107',
    pillar: 1,
    severity: 'error',
    title: 'JWKS fetched over plain HTTP',
    description:
      'istiod fetches the public keys that validate tokens from jwksUri. Over http:// anyone on the path can substitute their own keys and have self-signed tokens accepted as any user.',
    fixable: true,
    fixNeedsReview: true,
    kinds: ['RequestAuthentication'],
  },
  checkResource(ra, ctx) {
    const rules = getPath(ra.obj, ['spec', 'jwtRules']);
    if (!Array.isArray(rules)) return;
    rules.forEach((rule, i) => {
      const uri = getPath(rule, ['jwksUri']);
      if (typeof uri !== 'string' || !uri.toLowerCase().startsWith('http://')) return;
      const path = ['spec', 'jwtRules', i, 'jwksUri'];
      const https = `https://${uri.slice('http://'.length)}`;
      ctx.report({
        resource: ra,
        path,
        message: `jwksUri ${uri} is fetched over plain HTTP; serve the keys over HTTPS (${https})`,
        // Not safe: the issuer may not serve the same path over HTTPS.
        fix: () => ({ title: 'Fetch keys over HTTPS', safe: false, edits: replaceString(ra, path, https) }),
      });
    });
  },
};
