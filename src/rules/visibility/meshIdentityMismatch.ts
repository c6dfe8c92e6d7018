// ZT1004: the installation's meshID, trust domain or network disagree with the cluster's entry in ztn.yaml.
import { replaceString } from '../../fix/replaceScalar';
import { setField } from '../../fix/yamlEdit';
import type { FieldPath } from '../../model/position';
import { getPath } from '../../model/workloads';
import { meshFieldLocation } from '../templates/meshConfig';
import type { Rule } from '../types';
import { clusterViews } from './clusterAnchors';

export const meshIdentityMismatch: Rule = {
  meta: {
    id: 'ZT1004',
    pillar: 10,
    severity: 'error',
    title: 'meshID, trust domain or network inconsistent',
    description:
      'Clusters of one mesh must agree on the meshID and on trust domains, and each must declare the network it is on. An installation whose `values.global.meshID`, `meshConfig.trustDomain` or `values.global.network` differs from ztn.yaml splits the mesh: identities from one cluster are not accepted by the other, cross-cluster telemetry does not join up, and AuthorizationPolicies written for one trust domain silently stop matching.',
    fixable: true,
  },
  checkWorkspace(ctx) {
    const multi = ctx.config.clusters.length > 1;
    for (const view of clusterViews(ctx.index)) {
      const c = view.cluster;
      const where = multi ? ` of cluster ${c.name}` : '';
      for (const src of view.meshConfigs) {
        const r = src.resource;
        const checks: { label: string; value: unknown; wanted: string; location: { path: FieldPath; part: 'value' | 'key' }; editable?: FieldPath; safe: boolean; accepted?: string[] }[] = [
          {
            label: 'trust domain',
            value: src.mesh.trustDomain ?? 'cluster.local',
            wanted: c.trustDomain,
            accepted: [c.trustDomain, ...c.trustDomainAliases],
            location: src.mesh.trustDomain === undefined ? { path: src.meshPath ?? ['data', 'mesh'], part: src.meshPath ? 'value' : 'key' } : meshFieldLocation(src, ['trustDomain']),
            editable: src.meshPath ? [...src.meshPath, 'trustDomain'] : undefined,
            // A new trust domain re-issues every identity: review policies before applying it.
            safe: false,
          },
        ];
        if (src.globalPath) {
          for (const [label, key, wanted] of [
            ['meshID', 'meshID', c.meshID],
            ['network', 'network', c.network],
          ] as const) {
            const value = src.global[key];
            if (value === undefined && !multi) continue; // single-cluster installs may leave them at their defaults
            checks.push({ label, value, wanted, location: { path: [...src.globalPath, key], part: 'value' }, editable: [...src.globalPath, key], safe: true });
          }
        }
        for (const check of checks) {
          if ((check.accepted ?? [check.wanted]).includes(String(check.value))) continue;
          const editable = check.editable;
          ctx.report({
            resource: r,
            ...check.location,
            message:
              check.value === undefined
                ? `${r.kind} ${r.name}${where} does not set ${check.label}; set it to ${check.wanted} as ztn.yaml declares`
                : `${check.label} ${String(check.value)} in ${r.kind} ${r.name}${where} differs from ${check.wanted} in ztn.yaml; make them agree`,
            fix: editable
              ? () => ({
                  title: `Set ${check.label} to ${check.wanted}`,
                  safe: check.safe,
                  edits: typeof getPath(r.obj, editable) === 'string' ? replaceString(r, editable, check.wanted) : setField(r, editable, check.wanted),
                })
              : undefined,
          });
        }
      }
    }
  },
};
