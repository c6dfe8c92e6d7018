// Graphviz DOT for the trust graph: clusters and namespaces as subgraphs, edges styled by channel state.
import { STATE_STYLES, edgeLabel, nodeBadges } from './legend';
import type { GraphGroup, GraphNode, TrustGraph } from './types';

function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

const SHAPES: Record<GraphNode['kind'], string> = { workload: 'box', gateway: 'hexagon', external: 'ellipse' };

function nodeLine(n: GraphNode, indent: string): string {
  const label = [n.label, ...nodeBadges(n)].join('\n');
  const attrs = [`label=${quote(label)}`, `shape=${SHAPES[n.kind]}`];
  if (n.kind !== 'external' && n.sidecar === false) attrs.push('style=dashed');
  if (n.findingCounts.error > 0) attrs.push('color="#c62828"');
  return `${indent}${quote(n.id)} [${attrs.join(', ')}];`;
}

export function toDot(graph: TrustGraph): string {
  const children = new Map<string | undefined, GraphGroup[]>();
  for (const g of graph.groups) children.set(g.parent, [...(children.get(g.parent) ?? []), g]);
  const nodesIn = new Map<string, GraphNode[]>();
  for (const n of graph.nodes) nodesIn.set(n.parent, [...(nodesIn.get(n.parent) ?? []), n]);

  const lines = [
    'digraph trust {',
    '  rankdir=LR;',
    '  compound=true;',
    '  node [fontname="Helvetica", fontsize=10];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  let counter = 0;
  const writeGroup = (g: GraphGroup, indent: string) => {
    const inner = nodesIn.get(g.id) ?? [];
    const sub = children.get(g.id) ?? [];
    if (inner.length === 0 && sub.length === 0) return;
    lines.push(`${indent}subgraph cluster_${counter++} {`);
    lines.push(`${indent}  label=${quote(`${g.kind} ${g.label}`)};`);
    for (const s of sub) writeGroup(s, indent + '  ');
    for (const n of inner) lines.push(nodeLine(n, indent + '  '));
    lines.push(`${indent}}`);
  };
  for (const g of children.get(undefined) ?? []) writeGroup(g, '  ');
  const grouped = new Set(graph.groups.map((g) => g.id));
  for (const n of graph.nodes) if (!grouped.has(n.parent)) lines.push(nodeLine(n, '  '));

  for (const e of graph.edges) {
    const style = STATE_STYLES[e.state];
    const attrs = [`label=${quote(edgeLabel(e))}`, `color=${quote(style.color)}`, `fontcolor=${quote(style.color)}`];
    if (style.dashed) attrs.push('style=dashed');
    if (e.state === 'denied') attrs.push('arrowhead=tee');
    if (e.verified) attrs.push('penwidth=2');
    lines.push(`  ${quote(e.source)} -> ${quote(e.target)} [${attrs.join(', ')}];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
