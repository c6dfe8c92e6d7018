// What the canvas shows for a graph and a view state: filters, focus and collapsed boxes applied (pure, testable in Node).
import type { ChannelState, GraphEdge, GraphNode, TrustGraph } from '../src/graph/types';
import type { GraphFilters, ViewState } from './protocol';

export const GLYPHS = {
  lock: '\uEA75',
  unlock: '\uEB74',
  warning: '\uEA6C',
  close: '\uEA76',
  check: '\uEAB2',
  error: '\uEA87',
  info: '\uEA74',
  noSidecar: '\uEAD0',
  account: '\uEB99',
  notEqual: '\uEB53',
} as const;

export const STATE_GLYPH: Record<ChannelState, string> = { mtls: GLYPHS.lock, permissive: GLYPHS.unlock, plaintext: GLYPHS.warning, denied: GLYPHS.close };

// Worst first: a collapsed box's summary edge shows the weakest channel among the calls it stands for.
const STATE_RANK: Record<ChannelState, number> = { denied: 0, plaintext: 1, permissive: 2, mtls: 3 };

export function emptyFilters(): GraphFilters {
  return { clusters: [], namespaces: [], states: [], pillars: [], search: '' };
}

export function defaultViewState(): ViewState {
  return { layout: 'layered', filters: emptyFilters(), collapsed: [], positions: {} };
}

export interface NodeData {
  id: string;
  label: string;
  parent?: string;
  kind: string;
  /** Width and height in model units, so the layout worker sizes nodes exactly as the canvas does. */
  w: number;
  h: number;
}

export interface EdgeData {
  id: string;
  source: string;
  target: string;
  label: string;
}

export interface ElementDef<T> {
  group: 'nodes' | 'edges';
  data: T;
  classes: string;
}

export interface ViewModel {
  nodes: ElementDef<NodeData>[];
  edges: ElementDef<EdgeData>[];
  /** Ids of nodes that match the search (highlighted; the rest are faded). */
  matches: string[];
}

export function nodeSize(label: string): { w: number; h: number } {
  const longest = Math.max(...label.split('\n').map((l) => l.length));
  return { w: Math.max(96, longest * 7 + 28), h: label.includes('\n') ? 44 : 32 };
}

export function nodeLabel(n: GraphNode): string {
  const badges: string[] = [];
  if (n.kind !== 'external' && n.sidecar === false) badges.push(GLYPHS.noSidecar);
  if (n.defaultServiceAccount) badges.push(GLYPHS.account);
  const { error, warning, info } = n.findingCounts;
  if (error) badges.push(`${GLYPHS.error}${error}`);
  if (warning) badges.push(`${GLYPHS.warning}${warning}`);
  if (info) badges.push(`${GLYPHS.info}${info}`);
  return badges.length > 0 ? `${n.label}\n${badges.join(' ')}` : n.label;
}

export function nodeClasses(n: GraphNode): string[] {
  const c: string[] = [n.kind];
  if (n.gatewayRole) c.push(`gateway-${n.gatewayRole}`);
  if (n.kind !== 'external' && n.sidecar === false) c.push('no-sidecar');
  if (n.defaultServiceAccount) c.push('default-sa');
  if (n.findingCounts.error) c.push('has-errors');
  else if (n.findingCounts.warning) c.push('has-warnings');
  if (n.mtlsMode) c.push(`mode-${n.mtlsMode.toLowerCase()}`);
  return c;
}

export function edgeLabel(e: Pick<GraphEdge, 'state' | 'port' | 'verified' | 'disagrees'>): string {
  return `${STATE_GLYPH[e.state]} ${e.port}${e.verified ? ' ' + GLYPHS.check : ''}${e.disagrees ? ' ' + GLYPHS.notEqual : ''}`;
}

export function edgeClasses(e: GraphEdge): string[] {
  const c: string[] = [e.state, e.verified ? 'verified' : 'predicted'];
  if (e.disagrees) c.push('disagrees');
  for (const o of e.origins) c.push(`from-${o}`);
  return c;
}

function matchesSearch(n: GraphNode, search: string): boolean {
  const q = search.trim().toLowerCase();
  if (!q) return true;
  return [n.id, n.label, n.identity ?? '', n.namespace ?? '', ...(n.hosts ?? [])].some((s) => s.toLowerCase().includes(q));
}

/** Nodes that pass the cluster, namespace and pillar filters (before edges are considered). */
function nodePasses(n: GraphNode, f: GraphFilters): boolean {
  if (f.clusters.length > 0 && !f.clusters.includes(n.cluster)) return false;
  if (f.namespaces.length > 0 && (n.namespace === undefined || !f.namespaces.includes(n.namespace))) return false;
  if (f.pillars.length > 0 && !n.findings.some((x) => f.pillars.includes(x.pillar))) return false;
  return true;
}

/** The nodes and edges the filters and the focus leave (collapsed boxes aside: what they fold in still counts). */
export function visibleElements(graph: TrustGraph, state: ViewState): { visible: Set<string>; edges: GraphEdge[] } {
  const f = state.filters;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  let visible = new Set(graph.nodes.filter((n) => nodePasses(n, f)).map((n) => n.id));
  let edges = graph.edges.filter((e) => visible.has(e.source) && visible.has(e.target) && (f.states.length === 0 || f.states.includes(e.state)));

  // Hosts outside any namespace stay when a namespace filter is on and a visible workload calls them.
  if (f.namespaces.length > 0) {
    for (const e of graph.edges) {
      const target = byId.get(e.target);
      if (target && target.namespace === undefined && visible.has(e.source) && (f.clusters.length === 0 || f.clusters.includes(target.cluster))) {
        visible.add(target.id);
        if (f.states.length === 0 || f.states.includes(e.state)) edges.push(e);
      }
    }
  }
  // With a channel filter on, a node without any remaining edge answers nothing: hide it.
  if (f.states.length > 0) {
    const touched = new Set(edges.flatMap((e) => [e.source, e.target]));
    visible = new Set([...visible].filter((id) => touched.has(id)));
  }
  if (state.focus && visible.has(state.focus)) {
    const hood = new Set([state.focus]);
    for (const e of edges) {
      if (e.source === state.focus) hood.add(e.target);
      if (e.target === state.focus) hood.add(e.source);
    }
    visible = hood;
    edges = edges.filter((e) => hood.has(e.source) && hood.has(e.target));
  }
  return { visible, edges };
}

/** True when a filter or the focus hides part of the graph. */
export function viewIsFiltered(state: ViewState): boolean {
  const f = state.filters;
  return f.clusters.length + f.namespaces.length + f.states.length + f.pillars.length > 0 || state.focus !== undefined;
}

/** Applies filters, focus and collapsed boxes to the graph. */
export function viewModel(graph: TrustGraph, state: ViewState): ViewModel {
  const f = state.filters;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const { visible, edges } = visibleElements(graph, state);

  // Collapsing a box folds everything inside it into the box; edges then run to the box.
  const groupById = new Map(graph.groups.map((g) => [g.id, g]));
  const collapsed = new Set(state.collapsed.filter((id) => groupById.has(id)));
  const outermostCollapsed = (parent: string | undefined): string | undefined => {
    let found: string | undefined;
    for (let g = parent; g; g = groupById.get(g)?.parent) if (collapsed.has(g)) found = g;
    return found;
  };
  const representative = new Map<string, string>();
  for (const id of visible) representative.set(id, outermostCollapsed(byId.get(id)!.parent) ?? id);

  const nodes: ElementDef<NodeData>[] = [];
  const usedGroups = new Set<string>();
  const addGroupChain = (id: string | undefined) => {
    for (let g = id; g && !usedGroups.has(g); g = groupById.get(g)?.parent) usedGroups.add(g);
  };
  for (const id of visible) {
    const rep = representative.get(id)!;
    if (rep === id) addGroupChain(byId.get(id)!.parent);
    else addGroupChain(rep);
  }
  const hiddenGroup = (g: string) => outermostCollapsed(groupById.get(g)?.parent) !== undefined;
  for (const g of graph.groups) {
    if (!usedGroups.has(g.id) || hiddenGroup(g.id)) continue;
    const isCollapsed = collapsed.has(g.id);
    const label = isCollapsed ? `${g.label} (${[...visible].filter((id) => representative.get(id) === g.id).length})` : g.label;
    const size = nodeSize(label);
    nodes.push({
      group: 'nodes',
      data: { id: g.id, label, parent: g.parent && usedGroups.has(g.parent) ? g.parent : undefined, kind: g.kind, w: size.w, h: size.h },
      classes: ['group', g.kind, ...(isCollapsed ? ['collapsed'] : [])].join(' '),
    });
  }
  const matches: string[] = [];
  for (const n of graph.nodes) {
    if (!visible.has(n.id) || representative.get(n.id) !== n.id) continue;
    const label = nodeLabel(n);
    const size = nodeSize(label);
    const classes = nodeClasses(n);
    if (f.search.trim()) {
      if (matchesSearch(n, f.search)) {
        classes.push('match');
        matches.push(n.id);
      } else classes.push('faded');
    }
    nodes.push({
      group: 'nodes',
      data: { id: n.id, label, parent: usedGroups.has(n.parent) ? n.parent : undefined, kind: n.kind, w: size.w, h: size.h },
      classes: classes.join(' '),
    });
  }

  const out: ElementDef<EdgeData>[] = [];
  const summaries = new Map<string, { source: string; target: string; states: ChannelState[]; count: number }>();
  for (const e of edges) {
    const s = representative.get(e.source)!;
    const t = representative.get(e.target)!;
    if (s === e.source && t === e.target) {
      out.push({ group: 'edges', data: { id: e.id, source: s, target: t, label: edgeLabel(e) }, classes: edgeClasses(e).join(' ') });
      continue;
    }
    if (s === t) continue; // calls inside a collapsed box
    const key = `${s}->${t}`;
    const entry = summaries.get(key) ?? { source: s, target: t, states: [], count: 0 };
    entry.states.push(e.state);
    entry.count++;
    summaries.set(key, entry);
  }
  for (const [key, s] of summaries) {
    const worst = s.states.reduce((a, b) => (STATE_RANK[a] <= STATE_RANK[b] ? a : b));
    out.push({
      group: 'edges',
      data: { id: `summary:${key}`, source: s.source, target: s.target, label: `${STATE_GLYPH[worst]} ×${s.count}` },
      classes: `${worst} summary predicted`,
    });
  }
  return { nodes, edges: out, matches };
}
