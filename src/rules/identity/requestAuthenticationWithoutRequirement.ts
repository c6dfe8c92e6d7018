// ZT0105: a RequestAuthentication that nothing enforces, so requests without any token still get through.
import { appendDocument } from '../../fix/yamlEdit';
import type { Resource } from '../../model/types';
import { getPath } from '../../model/workloads';
import { namespaceOf } from '../../model/workspace';
import { rootNamespaceOf } from '../mtls/meshMtls';
import { policyAction, policyFields } from '../templates/authorizationPolicy';
import { inNamespace } from '../templates/kindLookup';
import type { Rule } from '../types';

/** An ALLOW on requestPrincipals or a DENY on notRequestPrincipals is what turns "token optional" into "token required". */
function requiresToken(policy: Resource): boolean {
  const action = policyAction(policy);
  return policyFields(policy).some(
    (f) =>
      (action === 'ALLOW' && f.name === 'requestPrincipals') ||
      (action === 'DENY' && f.name === 'notRequestPrincipals') ||
      (f.section === 'when' && f.name.startsWith('request.auth.')),
  );
}

export const requestAuthenticationWithoutRequirement: Rule = {
  meta: {
    id: 'ZT0105',
    pillar: 1,
    severity: 'warning',
    title: 'RequestAuthentication is not enforced',
    description:
      'A RequestAuthentication only rejects invalid tokens; a request with no token at all is accepted. Tokens are required only when an AuthorizationPolicy allows on requestPrincipals (or denies on notRequestPrincipals).',
    fixable: true,
    fixNeedsReview: true,
    kinds: ['RequestAuthentication'],
  },
  checkResource(ra, ctx) {
    const ns = namespaceOf(ra);
    const namespaces = new Set([ns, ...ra.clusters.map((c) => rootNamespaceOf(ctx.index, c))]);
    if ([...namespaces].some((n) => inNamespace(ctx.index, 'AuthorizationPolicy', n).some(requiresToken))) return;
    const selector = getPath(ra.obj, ['spec', 'selector']);
    ctx.report({
      resource: ra,
      path: ['metadata', 'name'],
      message: `requests without a token pass RequestAuthentication ${ra.name}; add an AuthorizationPolicy that denies requests with notRequestPrincipals: ["*"] for the same workloads`,
      // Not safe: callers that send no token today (probes, other services) start getting 403.
      fix: () => ({
        title: 'Require a valid token',
        safe: false,
        edits: [
          appendDocument(ra.file, {
            apiVersion: 'security.istio.io/v1',
            kind: 'AuthorizationPolicy',
            metadata: { name: `${ra.name}-require-jwt`, namespace: ns },
            spec: {
              ...(selector && typeof selector === 'object' ? { selector } : {}),
              action: 'DENY',
              rules: [{ from: [{ source: { notRequestPrincipals: ['*'] } }] }],
            },
          }),
        ],
      }),
    });
  },
};
