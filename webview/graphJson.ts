// The JSON export of the trust graph view: what the filters and the focus leave, saying which filters were on.
import type { TrustGraph } from '../src/graph/types';
import type { ViewState } from './protocol';
import { viewIsFiltered, visibleElements } from './view';

/**
 * The graph as the view shows it: nodes and edges the filters and the focus leave, the groups around them, and
 * `view` naming the filters (absent when nothing is filtered: the export is then the whole graph). Collapsed boxes do
 * not hide what they fold in.
 */
export function graphJsonForView(graph: TrustGraph, state: ViewState): string {
  if (!viewIsFiltered(state)) return JSON.stringify(graph, null, 2) + '\n';
  const { visible, edges } = visibleElements(graph, state);
  const nodes = graph.nodes.filter((n) => visible.has(n.id));
  const groupById = new Map(graph.groups.map((g) => [g.id, g]));
  const used = new Set<string>();
  for (const n of nodes) for (let g: string | undefined = n.parent; g && !used.has(g); g = groupById.get(g)?.parent) used.add(g);
  const f = state.filters;
  const view = {
    filtered: true,
    ...(f.clusters.length ? { clusters: f.clusters } : {}),
    ...(f.namespaces.length ? { namespaces: f.namespaces } : {}),
    ...(f.states.length ? { states: f.states } : {}),
    ...(f.pillars.length ? { pillars: f.pillars } : {}),
    ...(state.focus ? { focus: state.focus } : {}),
    note: `${nodes.length} of ${graph.nodes.length} nodes and ${edges.length} of ${graph.edges.length} edges, as the view's filters leave them`,
  };
  // `view` first: a reader (and the host's notification) sees at the top that this is not the whole graph.
  const out = { view, ...graph, groups: graph.groups.filter((g) => used.has(g.id)), nodes, edges };
  return JSON.stringify(out, null, 2) + '\n';
}
