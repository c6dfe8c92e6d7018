// A deterministic mesh-shaped trust graph of any size, for the graph benchmark.
import type { ChannelState, GraphEdge, GraphGroup, GraphNode, TrustGraph } from '../../src/graph/types';

/** Deterministic pseudo-random numbers (mulberry32), so every run draws the same graph. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATES: ChannelState[] = ['mtls', 'mtls', 'mtls', 'mtls', 'permissive', 'plaintext', 'denied'];

/** A mesh-shaped graph: 2 clusters, 12 namespaces each, calls mostly inside a namespace and downstream. */
export function syntheticGraph(workloads: number, edgeCount: number): TrustGraph {
  const rand = random(workloads * 7919 + edgeCount);
  const groups: GraphGroup[] = [];
  const clusters = ['east', 'west'];
  for (const c of clusters) {
    groups.push({ id: `cluster:${c}`, kind: 'cluster', label: c, cluster: c });
    for (let i = 0; i < 12; i++) groups.push({ id: `namespace:${c}/ns${i}`, kind: 'namespace', label: `ns${i}`, parent: `cluster:${c}`, cluster: c });
  }
  const nodes: GraphNode[] = [];
  for (let i = 0; i < workloads; i++) {
    const cluster = clusters[i % 2];
    const ns = `ns${Math.floor(i / 2) % 12}`;
    const name = `svc-${i}`;
    const errors = rand() < 0.1 ? 1 : 0;
    nodes.push({
      id: `${cluster}/${ns}/${name}`,
      kind: 'workload',
      label: name,
      parent: `namespace:${cluster}/${ns}`,
      cluster,
      namespace: ns,
      objectKind: 'Deployment',
      identity: `spiffe://cluster.local/ns/${ns}/sa/${name}`,
      serviceAccount: rand() < 0.1 ? 'default' : name,
      defaultServiceAccount: false,
      sidecar: rand() > 0.05,
      mtlsMode: 'STRICT',
      mtls: [{ port: 8080, mode: 'STRICT', sources: [] }],
      policies: [],
      findingCounts: { error: errors, warning: rand() < 0.2 ? 2 : 0, info: 0 },
      findings: [],
    });
  }
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  while (edges.length < edgeCount) {
    const s = Math.floor(rand() * workloads);
    // Mostly near neighbours in index order (same namespace, downstream), some anywhere.
    const t = rand() < 0.8 ? Math.min(workloads - 1, s + 24 * (1 + Math.floor(rand() * 4)) + (rand() < 0.5 ? 0 : 1)) : Math.floor(rand() * workloads);
    if (s === t) continue;
    const id = `${nodes[s].id}->${nodes[t].id}:8080`;
    if (seen.has(id)) continue;
    seen.add(id);
    const state = STATES[Math.floor(rand() * STATES.length)];
    edges.push({
      id,
      source: nodes[s].id,
      target: nodes[t].id,
      port: 8080,
      origins: ['allowed'],
      state,
      verdict: state === 'denied' ? 'denied-by-authorization' : 'allowed',
      verified: rand() < 0.1,
      disagrees: false,
      calls: [],
    });
  }
  const byState = { mtls: 0, permissive: 0, plaintext: 0, denied: 0 };
  for (const e of edges) byState[e.state]++;
  return {
    version: 1,
    root: '/bench',
    groups,
    nodes,
    edges,
    summary: { workloads, externals: 0, gateways: 0, edges: edges.length, byState, verified: edges.filter((e) => e.verified).length, disagreements: 0 },
    problems: [],
  };
}
