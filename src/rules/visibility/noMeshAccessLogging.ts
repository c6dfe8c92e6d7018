// ZT1001: a cluster whose mesh never turns access logging on (no accessLogFile, no mesh-wide Telemetry access log).
import { ofKinds } from '../../model/kinds';
import { appendDocument } from '../../fix/yamlEdit';
import { getPath } from '../../model/workloads';
import { namespaceOf } from '../../model/workspace';
import { perRun } from '../templates/perRun';
import type { Rule } from '../types';
import { clusterViews } from './clusterAnchors';

/** Root-namespace Telemetry objects without selector or targetRefs apply to the whole mesh. */
const meshWideTelemetry = perRun((index) =>
  ofKinds(index, 'Telemetry').filter(
    (t) =>
      getPath(t.obj, ['spec', 'selector']) === undefined &&
      getPath(t.obj, ['spec', 'targetRef']) === undefined &&
      getPath(t.obj, ['spec', 'targetRefs']) === undefined,
  ),
);

export const noMeshAccessLogging: Rule = {
  meta: {
    id: 'ZT1001',
    pillar: 10,
    severity: 'warning',
    title: 'Mesh has no access logging',
    description:
      'Without access logs nobody can tell which workload called which, when, and with what result: incidents cannot be traced across services or clusters and audits have nothing to show. Istio logs nothing by default; turn it on mesh-wide with a Telemetry resource in the root namespace (provider `envoy`) or meshConfig.accessLogFile.',
    fixable: true,
  },
  checkWorkspace(ctx) {
    const telemetry = meshWideTelemetry(ctx.index);
    const multi = ctx.config.clusters.length > 1;
    for (const view of clusterViews(ctx.index)) {
      if (!view.usesIstio || !view.anchor || !ctx.wants(view.anchor)) continue;
      const root = view.cluster.rootNamespace;
      const defaultProviders = view.meshConfigs.some(
        (m) =>
          Array.isArray(getPath(m.mesh, ['defaultProviders', 'accessLogging'])) &&
          (getPath(m.mesh, ['defaultProviders', 'accessLogging']) as unknown[]).length > 0,
      );
      const viaMeshConfig = view.meshConfigs.some((m) => typeof m.mesh.accessLogFile === 'string' && m.mesh.accessLogFile !== '');
      const viaTelemetry = telemetry.some(
        (t) =>
          t.clusters.includes(view.cluster.name) &&
          namespaceOf(t) === root &&
          ((getPath(t.obj, ['spec', 'accessLogging']) as unknown[] | undefined) ?? []).some(
            (e) =>
              getPath(e, ['disabled']) !== true &&
              ((Array.isArray(getPath(e, ['providers'])) && (getPath(e, ['providers']) as unknown[]).length > 0) || defaultProviders),
          ),
      );
      if (viaMeshConfig || viaTelemetry) continue;
      const anchor = view.anchor;
      ctx.report({
        resource: anchor,
        path: ['metadata', 'name'],
        message: `the mesh${multi ? ` in cluster ${view.cluster.name}` : ''} has no access logging; add a Telemetry in ${root} with accessLogging provider envoy`,
        fix: () => ({
          title: 'Add a mesh-wide access logging Telemetry',
          safe: true,
          edits: [
            appendDocument(anchor.file, {
              apiVersion: 'telemetry.istio.io/v1',
              kind: 'Telemetry',
              metadata: { name: 'mesh-default', namespace: root },
              spec: { accessLogging: [{ providers: [{ name: 'envoy' }] }] },
            }),
          ],
        }),
      });
    }
  },
};
