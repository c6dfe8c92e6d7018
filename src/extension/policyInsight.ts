// Hover text and CodeLens titles for policies and workloads, read from the trust graph (the engines decide what selects what).
import { relative, sep } from 'node:path';
import type { GraphNode, TrustGraph } from '../graph/types';
import type { Position, Resource, SourceFile } from '../model/types';
import { resourceLabel } from '../model/types';
import { isWorkload } from '../model/workloads';
import { namespaceOf } from '../model/workspace';
import { policyEffect } from './policyEffect';

/** Kinds that get a "selects N workloads" CodeLens and a selection hover. */
export const SELECTING_POLICY_KINDS = ['PeerAuthentication', 'AuthorizationPolicy', 'NetworkPolicy'];

export function isSelectingPolicy(r: Pick<Resource, 'kind'>): boolean {
  return SELECTING_POLICY_KINDS.includes(r.kind);
}

/** The resource whose YAML node contains `position` (multi-document files, List items). */
export function resourceAt(file: SourceFile, position: Position): Resource | undefined {
  const offset = (file.lineStarts[position.line] ?? file.text.length) + position.character;
  let best: Resource | undefined;
  for (const r of file.resources) {
    const range = (r.node as { range?: [number, number, number] }).range;
    if (range && offset >= range[0] && offset <= range[2] && (!best || range[0] >= ((best.node as { range?: number[] }).range?.[0] ?? 0))) best = r;
  }
  return best;
}

/** Workload nodes of the graph that `policy` applies to, as the policy engine composed them. */
export function workloadsSelectedBy(graph: TrustGraph, policy: Resource): GraphNode[] {
  const label = resourceLabel({ ...policy, namespace: namespaceOf(policy) });
  return graph.nodes.filter((n) => n.policies.some((p) => p.policy === label || p.policy === resourceLabel(policy)));
}

/** The policy a graph node's PolicyRef names ("Kind ns/name"), among the workspace's resources. */
export function policyByLabel(resources: Iterable<Resource>, label: string): Resource | undefined {
  for (const r of resources) if (resourceLabel({ ...r, namespace: namespaceOf(r) }) === label || resourceLabel(r) === label) return r;
  return undefined;
}

/** The graph nodes of a workload manifest (one per cluster the file belongs to). */
export function nodesOfWorkload(graph: TrustGraph, workload: Resource): GraphNode[] {
  if (!isWorkload(workload)) return [];
  const file = relative(graph.root, workload.file.path).split(sep).join('/');
  const ns = namespaceOf(workload);
  return graph.nodes.filter((n) => n.namespace === ns && n.label === workload.name && (!n.source || n.source.file === file));
}

/** The command a policy's CodeLens runs: the lens text, and the link to the graph when the graph can open. */
export interface PolicyLensCommand {
  title: string;
  tooltip: string;
  /** '' renders the lens as plain text (VS Code draws a lens without a command id as a span, not a link). */
  command: string;
  arguments: unknown[];
}

export const REVEAL_IN_GRAPH_COMMAND = 'ztn.revealInGraph';

/**
 * Which workloads a policy selects is read from the manifests alone, so the count shows in Restricted Mode too.
 * The trust graph needs a trusted workspace, so there the lens offers no "show in graph" link that would only refuse.
 */
export function policyLensCommand(selected: readonly GraphNode[], trusted: boolean): PolicyLensCommand {
  const n = selected.length;
  const count = `selects ${n} workload${n === 1 ? '' : 's'}`;
  const ids = selected.map((node) => node.id).join('\n') || 'no workload matches';
  if (!trusted) {
    return { title: count, tooltip: `${ids}\n\nThe trust graph needs a trusted workspace (Restricted Mode).`, command: '', arguments: [] };
  }
  return { title: `${count} · show in graph`, tooltip: ids, command: REVEAL_IN_GRAPH_COMMAND, arguments: [selected[0]?.id] };
}

function mtlsLine(node: GraphNode): string {
  if (node.mtls.length === 0) return node.mtlsMode ?? 'unknown';
  return node.mtls.map((m) => (m.port === undefined ? m.mode : `${m.mode} on ${m.port}`)).join(', ');
}

function authzLine(node: GraphNode): string {
  const authz = node.policies.filter((p) => p.kind === 'AuthorizationPolicy');
  return authz.length === 0 ? 'no AuthorizationPolicy (every caller allowed)' : `${authz.length} AuthorizationPolicy`;
}

/** Markdown for hovering a PeerAuthentication, AuthorizationPolicy or NetworkPolicy. */
export function policyHoverMarkdown(graph: TrustGraph, policy: Resource): string {
  const selected = workloadsSelectedBy(graph, policy);
  const head = `**${resourceLabel(policy)}** selects ${selected.length} workload${selected.length === 1 ? '' : 's'}`;
  if (selected.length === 0) return `${head}.\n\nNo workload of the workspace matches its namespace and selector.`;
  const rows = selected.map((n) => `- \`${n.id}\` · mTLS ${mtlsLine(n)} · ${n.identity ?? 'no identity'}`);
  return [`${head}:`, '', ...rows].join('\n');
}

/** Markdown for hovering a workload: identity, composed mTLS mode per port with where it came from, each policy and what it does. */
export function workloadHoverMarkdown(
  graph: TrustGraph,
  workload: Resource,
  policyByLabel: (label: string) => Resource | undefined = () => undefined,
): string | undefined {
  const nodes = nodesOfWorkload(graph, workload);
  if (nodes.length === 0) return undefined;
  const out: string[] = [];
  for (const n of nodes) {
    out.push(`**${n.id}** · ${n.identity ?? 'no identity'}${n.sidecar === false ? ' · no sidecar' : ''}`, '');
    for (const m of n.mtls) {
      const from = m.sources.filter((s) => s.policy).map((s) => `${s.policy} (${s.detail})`);
      out.push(`- composed mTLS ${m.port === undefined ? '' : `port ${m.port}: `}**${m.mode}**${from.length ? ` from ${from.join('; ')}` : ' (mesh default)'}`);
    }
    out.push(`- ${authzLine(n)}`);
    for (const p of n.policies.filter((p) => p.kind !== 'PeerAuthentication')) {
      const policy = policyByLabel(p.policy);
      const effect = policy && policyEffect(policy);
      out.push(`- ${p.policy}${effect ? `: ${effect}` : ''}`);
    }
    out.push('');
  }
  return out.join('\n').trimEnd();
}

export { authzLine, mtlsLine };
