// ZT0306: a multicluster mesh whose clusters run istiod's self-generated CA instead of plug-in certificates from a shared root.
import { ofKinds } from '../../model/kinds';
import type { Resource } from '../../model/types';
import { getPath } from '../../model/workloads';
import { namespaceOf, type WorkspaceIndex } from '../../model/workspace';
import { rootNamespaceOf } from '../mtls/meshMtls';
import { meshConfigs } from '../templates/meshConfig';
import type { Rule } from '../types';

const CACERTS = 'cacerts';
const CACERTS_SOURCES = ['Secret', 'SealedSecret', 'Certificate', 'ExternalSecret'];

/** True when `r` provides the cacerts secret in `ns`: the Secret itself, or what creates it. */
function providesCacerts(r: Resource, ns: string): boolean {
  if (namespaceOf(r) !== ns) return false;
  if (r.kind === 'Secret' || r.kind === 'SealedSecret') return r.name === CACERTS;
  if (r.kind === 'Certificate') return getPath(r.obj, ['spec', 'secretName']) === CACERTS;
  if (r.kind === 'ExternalSecret') return (getPath(r.obj, ['spec', 'target', 'name']) ?? r.name) === CACERTS;
  return false;
}

/** An external CA (istio-csr, a custom CA address) replaces istiod's CA, so cacerts is not needed. */
function usesExternalCa(index: WorkspaceIndex, cluster: string): boolean {
  return meshConfigs(index).some(
    (src) =>
      src.resource.clusters.includes(cluster) &&
      (getPath(src.mesh, ['ca', 'address']) !== undefined || getPath(src.resource.obj, ['spec', 'values', 'pilot', 'env', 'EXTERNAL_CA']) !== undefined),
  );
}

export const istioCaWithoutPluginCerts: Rule = {
  meta: {
    id: 'ZT0306',
    pillar: 3,
    severity: 'error',
    title: 'Multicluster mesh without plug-in CA certificates',
    description:
      "Without a cacerts secret, each istiod generates its own self-signed root. In a multicluster mesh the clusters then do not trust each other's workload certificates, so cross-cluster mTLS fails, and the root key lives only inside istiod. Plug in intermediates from one shared root as secret cacerts in every cluster.",
    fixable: false,
  },
  checkWorkspace(ctx) {
    const clusters = ctx.config.clusters;
    if (clusters.length < 2) return;
    for (const cluster of clusters) {
      const root = rootNamespaceOf(ctx.index, cluster.name);
      const inCluster = (r: Resource) => r.clusters.includes(cluster.name);
      if (ofKinds(ctx.index, ...CACERTS_SOURCES).some((r) => inCluster(r) && providesCacerts(r, root)) || usesExternalCa(ctx.index, cluster.name)) continue;
      // Point at the cluster's mesh installation, else its root Namespace; with neither there is nothing to point at.
      const anchor =
        meshConfigs(ctx.index).find((src) => src.resource.clusters.includes(cluster.name) && src.resource.kind !== 'ConfigMap')?.resource ??
        ofKinds(ctx.index, 'Namespace').find((r) => inCluster(r) && r.name === root);
      if (!anchor || !ctx.wants(anchor)) continue;
      ctx.report({
        resource: anchor,
        path: ['metadata', 'name'],
        message: `cluster ${cluster.name} has no cacerts secret in ${root}, so istiod signs with its own self-generated root and other clusters will not trust its workloads; plug in an intermediate CA from a shared root as secret cacerts`,
      });
    }
  },
};
