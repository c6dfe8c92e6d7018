// Mermaid flowchart for the trust graph, for Markdown docs and pull request descriptions.
import { STATE_STYLES, edgeLabel, nodeBadges } from './legend';
import type { GraphGroup, GraphNode, TrustGraph } from './types';

// Mermaid labels are quoted strings; quotes inside become the HTML entity Mermaid understands.
function label(s: string): string {
  return `"${s.replace(/"/g, '#quot;')}"`;
}

export function toMermaid(graph: TrustGraph): string {
  const ids = new Map<string, string>();
  graph.nodes.forEach((n, i) => ids.set(n.id, `n${i}`));
  const lines = ['flowchart LR'];
  const children = new Map<string | undefined, GraphGroup[]>();
  for (const g of graph.groups) children.set(g.parent, [...(children.get(g.parent) ?? []), g]);
  const nodesIn = new Map<string, GraphNode[]>();
  for (const n of graph.nodes) nodesIn.set(n.parent, [...(nodesIn.get(n.parent) ?? []), n]);

  const nodeLine = (n: GraphNode, indent: string) => {
    const text = label([n.label, ...nodeBadges(n)].join('<br/>'));
    const id = ids.get(n.id)!;
    const shaped = n.kind === 'external' ? `${id}([${text}])` : n.kind === 'gateway' ? `${id}{{${text}}}` : `${id}[${text}]`;
    lines.push(`${indent}${shaped}`);
  };
  let counter = 0;
  const writeGroup = (g: GraphGroup, indent: string) => {
    const inner = nodesIn.get(g.id) ?? [];
    const sub = children.get(g.id) ?? [];
    if (inner.length === 0 && sub.length === 0) return;
    lines.push(`${indent}subgraph g${counter++}[${label(`${g.kind} ${g.label}`)}]`);
    for (const s of sub) writeGroup(s, indent + '  ');
    for (const n of inner) nodeLine(n, indent + '  ');
    lines.push(`${indent}end`);
  };
  for (const g of children.get(undefined) ?? []) writeGroup(g, '  ');
  const grouped = new Set(graph.groups.map((g) => g.id));
  for (const n of graph.nodes) if (!grouped.has(n.parent)) nodeLine(n, '  ');

  const styles: string[] = [];
  graph.edges.forEach((e, i) => {
    const arrow = e.state === 'denied' ? '--x' : STATE_STYLES[e.state].dashed ? '-.->' : '-->';
    lines.push(`  ${ids.get(e.source)} ${arrow}|${label(edgeLabel(e))}| ${ids.get(e.target)}`);
    const style = STATE_STYLES[e.state];
    styles.push(`  linkStyle ${i} stroke:${style.color}${e.verified ? ',stroke-width:3px' : ''}`);
  });
  lines.push(...styles);
  return lines.join('\n') + '\n';
}
