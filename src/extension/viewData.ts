// Tree data of the "Zero Trust" views, built from the trust graph and the findings, without the vscode module.
import type { GraphNode, TrustGraph } from '../graph/types';
import type { EngineName, SandboxStatus } from '../../simulator/engine';
import { descriptorWarning, type SupervisorResources } from '../../simulator/shared/supervisorResources';
import type { Finding } from '../rules/types';
import { PILLARS, type PillarNumber } from '../rules/types';
import { authzLine, mtlsLine } from './policyInsight';

export interface TreeItemData {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  /** Codicon name. */
  icon?: string;
  children?: TreeItemData[];
  /** Where clicking the item goes. */
  open?: { file: string; line: number };
  contextValue?: string;
}

/** A ServiceEntry's hosts: outside the mesh, so no identity, mTLS or authz of its own to show. */
function externalItem(graph: TrustGraph, n: GraphNode): TreeItemData {
  const hosts = n.hosts?.length ? n.hosts.join(', ') : n.label;
  return {
    id: n.id,
    label: n.label,
    description: `external host · ${n.objectKind ?? 'ServiceEntry'}`,
    tooltip: `Outside the mesh: ${hosts}${n.addresses?.length ? `\naddresses ${n.addresses.join(', ')}` : ''}`,
    icon: 'cloud',
    open: n.source ? { file: `${graph.root}/${n.source.file}`, line: n.source.line } : undefined,
    contextValue: 'external',
  };
}

/** Clusters > namespaces > workloads, each workload with its identity and mTLS/authz state; external hosts last, as such. */
export function meshTree(graph: TrustGraph): TreeItemData[] {
  const clusters = graph.groups.filter((g) => g.kind === 'cluster');
  return clusters.map((c) => ({
    id: c.id,
    label: c.label,
    icon: 'server-environment',
    description: `${graph.nodes.filter((n) => n.cluster === c.cluster && n.kind !== 'external').length} workloads`,
    children: graph.groups
      .filter((g) => g.kind === 'namespace' && g.parent === c.id)
      .map((ns) => ({
        id: ns.id,
        label: ns.label,
        icon: 'symbol-namespace',
        children: graph.nodes
          .filter((n) => n.parent === ns.id && n.kind !== 'external')
          .map<TreeItemData>((n) => ({
            id: n.id,
            label: n.label,
            description: `mTLS ${mtlsLine(n)} · ${n.policies.some((p) => p.kind === 'AuthorizationPolicy') ? 'authz' : 'no authz'}`,
            tooltip: [n.identity ?? 'no identity', `mTLS: ${mtlsLine(n)}`, authzLine(n), n.sidecar === false ? 'no sidecar' : 'sidecar'].join('\n'),
            icon: n.kind === 'gateway' ? 'globe' : n.mtlsMode === 'STRICT' ? 'lock' : 'unlock',
            open: n.source ? { file: `${graph.root}/${n.source.file}`, line: n.source.line } : undefined,
            contextValue: 'workload',
          }))
          .concat(graph.nodes.filter((n) => n.parent === ns.id && n.kind === 'external').map((n) => externalItem(graph, n))),
      })),
  }));
}

/** Findings grouped by pillar (then by file), most severe pillar first. */
export function findingsByPillar(findings: readonly Finding[], relativePath: (file: string) => string): TreeItemData[] {
  const pillars = [...new Set(findings.map((f) => f.pillar))].sort((a, b) => a - b);
  return pillars.map((p) => {
    const own = findings.filter((f) => f.pillar === p);
    const errors = own.filter((f) => f.severity === 'error').length;
    return {
      id: `pillar:${p}`,
      label: `${String(p).padStart(2, '0')} ${PILLARS[p as PillarNumber] ?? 'Other'}`,
      description: `${own.length} finding${own.length === 1 ? '' : 's'}${errors ? `, ${errors} error${errors === 1 ? '' : 's'}` : ''}`,
      icon: errors ? 'error' : 'warning',
      children: own.map((f, i) => ({
        id: `pillar:${p}:${i}:${f.file}:${f.range.start.line}:${f.ruleId}`,
        label: `${f.ruleId} ${f.message}`,
        description: `${relativePath(f.file)}:${f.range.start.line + 1}`,
        tooltip: `${f.object ? `${f.object}\n` : ''}${f.message}`,
        icon: f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'info',
        open: { file: f.file, line: f.range.start.line + 1 },
      })),
    };
  });
}

/** The supervisor's descriptors and connections, as `ztn sandbox status` prints them, with its warning near the limit. */
function resourcesTooltip(r: SupervisorResources): string {
  const fds =
    r.descriptors === undefined
      ? 'descriptors: unknown here'
      : `descriptors: ${r.descriptors} open${r.descriptorLimit !== undefined ? ` of ${r.descriptorLimit}` : ''}`;
  const c = r.connections;
  const warning = descriptorWarning(r);
  return `supervisor ${fds}\nconnections: ${c.outbound} outbound, ${c.inbound} inbound, ${c.app} app, ${c.gateway} gateway, ${r.idlePooled} pooled idle${warning ? `\nwarning: ${warning}` : ''}`;
}

/**
 * The Sandboxes view: one item per engine with its workloads while running. Empty in Restricted Mode, where a
 * sandbox cannot start: the view then shows its welcome text (trust needed) instead of start buttons that refuse.
 */
export function sandboxTree(statuses: ReadonlyMap<EngineName, SandboxStatus | undefined>, trusted: boolean): TreeItemData[] {
  if (!trusted) return [];
  return [...statuses].map(([engine, status]) => ({
    id: `sandbox:${engine}`,
    label: `${engine} sandbox`,
    description: status?.running ? `running · ${status.workloads.length} workloads` : 'stopped',
    icon: status?.running ? 'vm-running' : 'vm-outline',
    contextValue: status?.running ? 'sandbox.running' : 'sandbox.stopped',
    ...(status?.running && status.engine === 'local' && status.details.resources ? { tooltip: resourcesTooltip(status.details.resources) } : {}),
    children: (status?.running ? status.workloads : []).map((w) => ({
      id: `sandbox:${engine}:${w.id}`,
      label: w.id,
      description: `${w.address} · ${w.sidecar ? 'sidecar' : 'no sidecar'}`,
      tooltip: `${w.identity}${w.certExpiresAt ? `\ncertificate expires ${w.certExpiresAt}` : ''}`,
      icon: w.sidecar ? 'lock' : 'unlock',
    })),
  }));
}
