// Builds the trust graph: workloads, gateways and external hosts as nodes; known and allowed calls as edges.
import { relative, sep } from 'node:path';
import { buildMesh, composedMtlsMode, simulateCall, simulateMatrix, simulateTraffic, type Mesh } from '../policy';
import type { CallResult, SimulationResult, TrafficReplay } from '../policy/types';
import type { WorkspaceIndex } from '../model/workspace';
import { lint } from '../rules/engine';
import type { Finding } from '../rules/types';
import { EdgeSet, type ServerAcceptsPlaintext } from './edges';
import { gatewayRouteCalls, workloadReferenceCalls, type ManifestCall } from './manifestCalls';
import { GraphNodes, type RelativePath } from './nodes';
import { lineOf } from './references';
import type { EdgeCall, EdgeOrigin, GraphEdge, GraphNode, GraphSummary, TrustGraph } from './types';
import { GRAPH_FORMAT_VERSION } from './types';

export interface GraphOptions {
  /** Calls of a traffic file, simulated by the policy engine. */
  traffic?: TrafficReplay;
  /** Results of `ztn simulate --format json` or a sandbox replay (with observations). */
  results?: SimulationResult;
  /** Add an edge for every call the policies allow (simulateMatrix). */
  allowedEdges?: boolean;
  /** Lint findings to count per workload; computed with lint() when omitted. */
  findings?: readonly Finding[];
  /** A mesh already built from the same index (the extension keeps one per edit). */
  mesh?: Mesh;
}

/**
 * Builds everything the views need from one workspace state. Edges come from each source in turn, in the order
 * their calls are listed on an edge: replay results, the traffic file, manifest references, allowed pairs.
 */
export function buildTrustGraph(index: WorkspaceIndex, options: GraphOptions = {}): TrustGraph {
  const mesh = options.mesh ?? buildMesh(index);
  const root = index.config.root;
  const rel: RelativePath = (file) => relative(root, file).split(sep).join('/');
  const problems: string[] = [];

  const nodes = new GraphNodes(mesh, rel);
  nodes.addWorkloads(index.resources);
  nodes.addServiceEntries(index.ofKind('ServiceEntry').filter((r) => r.apiVersion.includes('istio.io')));

  const edges = new EdgeSet();
  const replayed = options.results?.calls ?? [];
  for (const r of replayed) addCall(nodes, edges, r, 'replay');
  if (options.traffic) for (const r of notReplayed(simulateTraffic(mesh, options.traffic).calls, replayed)) addCall(nodes, edges, r, 'traffic');

  const manifestCalls = [
    ...workloadReferenceCalls(mesh, nodes),
    ...gatewayRouteCalls(
      mesh,
      index.ofKind('VirtualService'),
      index.ofKind('Gateway').filter((r) => r.apiVersion.includes('istio.io')),
    ),
  ];
  for (const reference of manifestCalls) {
    const problem = simulateReference(mesh, nodes, edges, reference, rel);
    if (problem) problems.push(problem);
  }

  if (options.allowedEdges) {
    for (const r of simulateMatrix(mesh).calls) if (r.allowed) addCall(nodes, edges, r, 'allowed');
  }

  nodes.addFindings(options.findings ?? lint(index).findings);

  const edgeList = edges.edges(serverAcceptsPlaintext(mesh));
  const nodeList = [...nodes.nodes.values()].sort((a, b) => a.id.localeCompare(b.id));
  return {
    version: GRAPH_FORMAT_VERSION,
    root,
    groups: [...nodes.groups.values()].sort((a, b) => a.id.localeCompare(b.id)),
    nodes: nodeList,
    edges: edgeList,
    summary: graphSummary(nodeList, edgeList),
    problems,
  };
}

/** One simulated or replayed call on the edge between the nodes its endpoints name. */
function addCall(nodes: GraphNodes, edges: EdgeSet, r: CallResult, origin: EdgeOrigin, extra: Partial<EdgeCall> = {}): void {
  const caller = nodes.nodes.get(r.from);
  const source = nodes.nodeFor(r.from, caller?.cluster);
  const target = nodes.nodeFor(r.to, caller?.cluster);
  edges.add(source, target, r.port, {
    name: r.name || undefined,
    origin,
    verdict: r.verdict,
    allowed: r.allowed,
    mtls: r.mtls,
    explanation: r.explanation,
    expectation: r.expectation,
    observed: r.observed,
    agrees: r.agrees,
    ...(r.caveats ? { caveats: r.caveats } : {}),
    ...extra,
  });
}

/** Simulates a call a manifest announces and adds it with its reference; a call the engine cannot take is a problem. */
function simulateReference(
  mesh: Mesh,
  nodes: GraphNodes,
  edges: EdgeSet,
  { call, resource, path, detail }: ManifestCall,
  rel: RelativePath,
): string | undefined {
  try {
    const r = simulateCall(mesh, call);
    addCall(nodes, edges, r, 'manifest', { reference: { file: rel(resource.file.path), line: lineOf(resource, path), detail } });
    return undefined;
  } catch (err) {
    return `${rel(resource.file.path)}:${lineOf(resource, path)}: ${detail}: ${(err as Error).message}`;
  }
}

/** Replay results carry the prediction too, so they replace the same call simulated from the traffic file. */
export function notReplayed(simulated: readonly CallResult[], replayed: readonly CallResult[]): CallResult[] {
  const callKey = (r: Pick<CallResult, 'name' | 'from' | 'to' | 'port'>) => `${r.name}|${r.from}|${r.to}|${r.port}`;
  const seen = new Set(replayed.map(callKey));
  return simulated.filter((r) => !seen.has(callKey(r)));
}

/** Whether a workload's port also takes plaintext (anything but STRICT), worked out once per port. */
export function serverAcceptsPlaintext(mesh: Mesh): ServerAcceptsPlaintext {
  const modeCache = new Map<string, boolean>();
  return (target, port) => {
    const key = `${target}:${port}`;
    let v = modeCache.get(key);
    if (v === undefined) {
      const w = mesh.workloads.find((x) => x.id === target);
      v = w ? composedMtlsMode(mesh, w, port).mode !== 'STRICT' : false;
      modeCache.set(key, v);
    }
    return v;
  };
}

export function graphSummary(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): GraphSummary {
  const byState = { mtls: 0, permissive: 0, plaintext: 0, denied: 0 };
  for (const e of edges) byState[e.state]++;
  return {
    workloads: nodes.filter((n) => n.kind === 'workload').length,
    gateways: nodes.filter((n) => n.kind === 'gateway').length,
    externals: nodes.filter((n) => n.kind === 'external').length,
    edges: edges.length,
    byState,
    verified: edges.filter((e) => e.verified).length,
    disagreements: edges.filter((e) => e.disagrees).length,
  };
}
