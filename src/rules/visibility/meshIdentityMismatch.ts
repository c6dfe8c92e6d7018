// ZT1004: meshID, trust domain or network of an installation disagree with ztn.yaml, or (without declared clusters) with each other.
import { DEFAULT_CLUSTER, type ClusterConfig, type WorkspaceConfig } from '../../model/config';
import { replaceString } from '../../fix/replaceScalar';
import { setField } from '../../fix/yamlEdit';
import type { FieldPath } from '../../model/position';
import { resourceLabel } from '../../model/types';
import { getPath } from '../../model/workloads';
import { meshConfigs, meshFieldLocation, type MeshConfigSource } from '../templates/meshConfig';
import type { Rule, RuleContext } from '../types';
import { clusterViews } from './clusterAnchors';

interface Setting {
  label: 'trust domain' | 'meshID' | 'network';
  value: unknown;
  location: { path: FieldPath; part: 'value' | 'key' };
  /** Where a fix writes the value; undefined for mesh config held as text. */
  editable?: FieldPath;
}

/** The identity settings one installation declares (trust domain defaults to cluster.local). */
function settingsOf(src: MeshConfigSource): Setting[] {
  const out: Setting[] = [
    {
      label: 'trust domain',
      value: src.mesh.trustDomain ?? 'cluster.local',
      location: src.mesh.trustDomain === undefined && src.meshPath ? { path: src.meshPath, part: 'value' } : meshFieldLocation(src, ['trustDomain']),
      editable: src.meshPath ? [...src.meshPath, 'trustDomain'] : undefined,
    },
  ];
  if (src.globalPath) {
    for (const label of ['meshID', 'network'] as const) {
      out.push({ label, value: src.global[label], location: { path: [...src.globalPath, label], part: 'value' }, editable: [...src.globalPath, label] });
    }
  }
  return out;
}

/** ztn.yaml without clusters yields the default cluster; its values are placeholders, not intent. */
function clustersDeclared(config: WorkspaceConfig): boolean {
  const [only, ...rest] = config.clusters;
  return rest.length > 0 || JSON.stringify(only) !== JSON.stringify(DEFAULT_CLUSTER);
}

function wantedFor(label: Setting['label'], c: ClusterConfig): { wanted: string; accepted: string[] } {
  if (label === 'trust domain') return { wanted: c.trustDomain, accepted: [c.trustDomain, ...c.trustDomainAliases] };
  const wanted = label === 'meshID' ? c.meshID : c.network;
  return { wanted, accepted: [wanted] };
}

/** Each installation against its cluster's entry in ztn.yaml; the fix writes the declared value. */
function checkAgainstConfig(ctx: RuleContext): void {
  const multi = ctx.config.clusters.length > 1;
  for (const view of clusterViews(ctx.index)) {
    const c = view.cluster;
    const where = multi ? ` of cluster ${c.name}` : '';
    for (const src of view.meshConfigs) {
      const r = src.resource;
      if (!ctx.wants(r)) continue;
      for (const s of settingsOf(src)) {
        // Single-cluster installs may leave meshID and network at their defaults.
        if (s.value === undefined && !multi) continue;
        const { wanted, accepted } = wantedFor(s.label, c);
        if (accepted.includes(String(s.value))) continue;
        const editable = s.editable;
        ctx.report({
          resource: r,
          ...s.location,
          message:
            s.value === undefined
              ? `${r.kind} ${r.name}${where} does not set ${s.label}; set it to ${wanted} as ztn.yaml declares`
              : `${s.label} ${String(s.value)} in ${r.kind} ${r.name}${where} differs from ${wanted} in ztn.yaml; make them agree`,
          fix: editable
            ? () => ({
                title: `Set ${s.label} to ${wanted}`,
                // A new trust domain re-issues every identity: review policies before applying it.
                safe: s.label !== 'trust domain',
                edits: typeof getPath(r.obj, editable) === 'string' ? replaceString(r, editable, wanted) : setField(r, editable, wanted),
              })
            : undefined,
        });
      }
    }
  }
}

/** Without declared clusters, the installations of the workspace must at least agree with each other. */
function checkAgainstEachOther(ctx: RuleContext): void {
  // The first installation by file order is the reference, so the result does not depend on load order.
  const sources = [...meshConfigs(ctx.index)].sort(
    (a, b) => a.resource.file.path.localeCompare(b.resource.file.path) || a.resource.docIndex - b.resource.docIndex,
  );
  const first = new Map<string, { value: string; src: MeshConfigSource }>();
  for (const src of sources) {
    for (const s of settingsOf(src)) {
      if (s.value === undefined || s.label === 'network') continue; // networks differ between clusters by design
      const seen = first.get(s.label);
      if (!seen) {
        first.set(s.label, { value: String(s.value), src });
        continue;
      }
      if (seen.value === String(s.value)) continue;
      ctx.report({
        resource: src.resource,
        ...s.location,
        message: `${s.label} ${String(s.value)} in ${src.resource.kind} ${src.resource.name} differs from ${seen.value} in ${resourceLabel(seen.src.resource)}; one mesh needs one ${s.label} (declare the clusters in ztn.yaml to check each against its own)`,
      });
    }
  }
}

export const meshIdentityMismatch: Rule = {
  meta: {
    id: 'ZT1004',
    pillar: 10,
    severity: 'error',
    title: 'meshID, trust domain or network inconsistent',
    description:
      'Clusters of one mesh must agree on the meshID and on trust domains, and each must declare the network it is on. An installation whose `values.global.meshID`, `meshConfig.trustDomain` or `values.global.network` differs from ztn.yaml (or, when ztn.yaml declares no clusters, from the other installations) splits the mesh: identities from one cluster are not accepted by the other, cross-cluster telemetry does not join up, and AuthorizationPolicies written for one trust domain silently stop matching.',
    fixable: true,
  },
  checkWorkspace(ctx) {
    if (clustersDeclared(ctx.config)) checkAgainstConfig(ctx);
    else checkAgainstEachOther(ctx);
  },
};
