// ZT0414: AuthorizationPolicy conditions on peer identity that plaintext requests slip past (ISTIO-SECURITY-2021-004).
import { appendDocument } from '../../fix/yamlEdit';
import { mapSelectorMatches } from '../../model/selectors';
import type { Resource } from '../../model/types';
import { getPath, stringMap } from '../../model/workloads';
import { namespaceOf, type WorkspaceIndex } from '../../model/workspace';
import { declaredMode, isNamespaceWide, mtlsModes } from '../mtls/meshMtls';
import { policyAction, policyFields, policySelectorLabels, type PolicyField } from '../templates/authorizationPolicy';
import { inNamespace } from '../templates/kindLookup';
import type { Rule } from '../types';

// Fields that read the peer certificate: empty on plaintext, so they never match it.
const POSITIVE = new Set(['principals', 'namespaces']);
const NEGATIVE = new Set(['notPrincipals', 'notNamespaces']);
const CONDITIONS = new Set(['source.principal', 'source.namespace']);

/**
 * The dangerous combinations: an ALLOW on "not X" lets plaintext in (empty is not X), and a DENY on
 * "X" lets plaintext past (empty is not X either). ALLOW on X and DENY on not-X fail closed.
 */
function loophole(action: string, f: PolicyField): boolean {
  if (f.section === 'source') return (action === 'ALLOW' && NEGATIVE.has(f.name)) || (action === 'DENY' && POSITIVE.has(f.name));
  if (f.section === 'when' && CONDITIONS.has(f.name)) return action === 'ALLOW' ? !!f.negated : !f.negated;
  return false;
}

/** True when every workload the policy covers only accepts mTLS (namespace/mesh STRICT, or a STRICT workload policy). */
function strictFor(index: WorkspaceIndex, policy: Resource): boolean {
  const ns = namespaceOf(policy);
  if (policy.clusters.every((c) => mtlsModes(index).effective(ns, c) === 'STRICT')) return true;
  const labels = policySelectorLabels(policy);
  if (!labels) return false;
  return inNamespace(index, 'PeerAuthentication', ns).some(
    (pa) =>
      !isNamespaceWide(pa) && declaredMode(pa) === 'STRICT' && mapSelectorMatches(stringMap(getPath(pa.obj, ['spec', 'selector', 'matchLabels'])), labels),
  );
}

export const mtlsOnlyFieldsOnPlaintext: Rule = {
  meta: {
    id: 'ZT0414',
    pillar: 4,
    severity: 'error',
    title: 'Identity condition bypassed by plaintext',
    description:
      'principals, namespaces and source.principal/source.namespace come from the peer certificate and are empty for plaintext. On workloads that accept plaintext (not STRICT), an ALLOW with notPrincipals/notNamespaces lets plaintext callers in, and a DENY with principals/namespaces never stops them.',
    fixable: true,
    kinds: ['AuthorizationPolicy'],
  },
  checkResource(policy, ctx) {
    const action = policyAction(policy);
    if (action !== 'ALLOW' && action !== 'DENY') return;
    const risky = policyFields(policy).filter((f) => loophole(action, f));
    if (risky.length === 0 || strictFor(ctx.index, policy)) return;
    const labels = policySelectorLabels(policy);
    const ns = namespaceOf(policy);
    // A namespace-wide PeerAuthentication that is not STRICT is ZT0201's to fix; a second one would conflict.
    const fixable = !!labels || !inNamespace(ctx.index, 'PeerAuthentication', ns).some(isNamespaceWide);
    for (const f of risky) {
      ctx.report({
        resource: policy,
        path: f.path,
        part: 'key',
        message:
          action === 'ALLOW'
            ? `${f.name} in an ALLOW rule also matches plaintext requests, which have no identity, and the workloads accept plaintext; require STRICT mTLS for them (or use positive principals)`
            : `${f.name} in a DENY rule never matches plaintext requests, so they bypass it while the workloads accept plaintext; require STRICT mTLS for them (or deny on notPrincipals)`,
        fix: fixable
          ? () => ({
              title: "Require STRICT mTLS for the policy's workloads",
              safe: true,
              edits: [
                appendDocument(policy.file, {
                  apiVersion: 'security.istio.io/v1',
                  kind: 'PeerAuthentication',
                  metadata: { name: labels ? `${policy.name}-strict` : 'default', namespace: ns },
                  spec: { ...(labels ? { selector: { matchLabels: labels } } : {}), mtls: { mode: 'STRICT' } },
                }),
              ],
            })
          : undefined,
      });
    }
  },
};
