// ZT0304: self-signed issuers (or leaf certificates from them) in production namespaces.
import type { Resource } from '../../model/types';
import { getPath } from '../../model/workloads';
import { namespaceOf, type WorkspaceIndex } from '../../model/workspace';
import { findNamed, inNamespace } from '../templates/kindLookup';
import type { Rule } from '../types';
import { isCa, isCertManagerCertificate } from './certificateFields';
import { isProductionNamespace } from './productionNamespace';

function isSelfSigned(issuer: Resource | undefined): boolean {
  return !!issuer && getPath(issuer.obj, ['spec', 'selfSigned']) !== undefined;
}

/** The Issuer or ClusterIssuer a Certificate's issuerRef names (kind defaults to Issuer). */
function referencedIssuer(index: WorkspaceIndex, cert: Resource): Resource | undefined {
  const name = getPath(cert.obj, ['spec', 'issuerRef', 'name']);
  if (typeof name !== 'string') return undefined;
  const kind = getPath(cert.obj, ['spec', 'issuerRef', 'kind']) === 'ClusterIssuer' ? 'ClusterIssuer' : 'Issuer';
  if (kind === 'Issuer') return findNamed(index, 'Issuer', namespaceOf(cert), name);
  // Cluster-scoped objects have no namespace; the lookup files them under 'default'.
  return inNamespace(index, 'ClusterIssuer', 'default').find((i) => i.name === name);
}

export const selfSignedIssuerInProduction: Rule = {
  meta: {
    id: 'ZT0304',
    pillar: 3,
    severity: 'error',
    title: 'Self-signed issuer in a production namespace',
    description:
      'A self-signed certificate chains to nothing that clients trust, so they either fail or are configured to skip verification, and it cannot be revoked or rotated from a central CA. In production, issue from a CA issuer (own CA, Vault, ACME).',
    fixable: false,
    kinds: ['Issuer', 'Certificate'],
  },
  checkResource(r, ctx) {
    if (!r.apiVersion.startsWith('cert-manager.io/')) return;
    const ns = namespaceOf(r);
    if (!isProductionNamespace(ctx.index, ns)) return;
    if (r.kind === 'Issuer' && isSelfSigned(r)) {
      ctx.report({
        resource: r,
        path: ['spec', 'selfSigned'],
        part: 'key',
        message: `Issuer ${r.name} in production namespace ${ns} is self-signed; use a CA, Vault or ACME issuer`,
      });
      return;
    }
    // A self-signed issuer that only bootstraps a CA certificate is the normal way to create a private CA.
    if (isCertManagerCertificate(r) && !isCa(r)) {
      const issuer = referencedIssuer(ctx.index, r);
      if (!isSelfSigned(issuer) || issuer!.kind === 'Issuer') return; // a same-namespace self-signed Issuer is reported itself
      ctx.report({
        resource: r,
        path: ['spec', 'issuerRef', 'name'],
        message: `Certificate ${r.name} in production namespace ${ns} is issued by self-signed ClusterIssuer ${issuer!.name}; issue it from a CA issuer`,
      });
    }
  },
};
