// Static SVG of the trust graph, laid out by dagre in the engine (no browser): `ztn graph --format svg`.
import dagre from '@dagrejs/dagre';
import { STATE_STYLES, edgeLabel, nodeBadges } from './legend';
import type { ChannelState, GraphNode, TrustGraph } from './types';

const FONT = 'font-family="Helvetica, Arial, sans-serif"';
const CHAR_WIDTH = 6.5;

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function nodeSize(n: GraphNode): { width: number; height: number } {
  const lines = [n.label, nodeBadges(n).join(' · ')].filter(Boolean);
  const longest = Math.max(...lines.map((l) => l.length));
  return { width: Math.max(110, Math.ceil(longest * CHAR_WIDTH) + 24), height: lines.length > 1 ? 44 : 30 };
}

const NODE_FILL: Record<GraphNode['kind'], string> = { workload: '#ffffff', gateway: '#e8f0fe', external: '#f3e8fd' };

function markers(): string {
  return (Object.keys(STATE_STYLES) as ChannelState[])
    .map(
      (s) =>
        `<marker id="arrow-${s}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${STATE_STYLES[s].color}"/></marker>`,
    )
    .join('');
}

function legend(x: number, y: number): string {
  const rows = (Object.keys(STATE_STYLES) as ChannelState[]).map((s, i) => {
    const st = STATE_STYLES[s];
    const ly = y + 18 + i * 16;
    return `<line x1="${x}" y1="${ly}" x2="${x + 28}" y2="${ly}" stroke="${st.color}" stroke-width="2"${st.dashed ? ' stroke-dasharray="5,3"' : ''}/><text x="${x + 34}" y="${ly + 4}" font-size="11" ${FONT}>${escapeXml(`${st.mark} ${st.label}`)}</text>`;
  });
  return `<g class="legend"><text x="${x}" y="${y + 4}" font-size="11" font-weight="bold" ${FONT}>Legend (✓ verified by sandbox)</text>${rows.join('')}</g>`;
}

/** Lays the graph out left to right (callers before callees) with namespace and cluster boxes. */
export function toSvg(graph: TrustGraph): string {
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 70, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const group of graph.groups) g.setNode(group.id, { label: group.label, paddingTop: 18 });
  for (const group of graph.groups) if (group.parent) g.setParent(group.id, group.parent);
  for (const n of graph.nodes) {
    g.setNode(n.id, nodeSize(n));
    if (graph.groups.some((x) => x.id === n.parent)) g.setParent(n.id, n.parent);
  }
  // Groups without nodes would still take room; drop them before layout.
  for (const group of [...graph.groups].reverse()) if ((g.children(group.id) ?? []).length === 0) g.removeNode(group.id);
  for (const e of graph.edges) g.setEdge(e.source, e.target, { width: edgeLabel(e).length * CHAR_WIDTH, height: 14, labelpos: 'c' }, e.id);
  dagre.layout(g);

  const size = g.graph();
  const width = Math.ceil((size.width ?? 0) + 40);
  const legendY = Math.ceil((size.height ?? 0) + 10);
  const height = legendY + 90;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${Math.max(width, 320)}" height="${height}" viewBox="0 0 ${Math.max(width, 320)} ${height}">`);
  out.push(`<defs>${markers()}</defs>`);
  out.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);

  const groupsByDepth = [...graph.groups].filter((x) => g.hasNode(x.id)).sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'cluster' ? -1 : 1));
  for (const group of groupsByDepth) {
    const box = g.node(group.id);
    const x = box.x - box.width / 2;
    const y = box.y - box.height / 2;
    const fill = group.kind === 'cluster' ? '#f6f8fa' : '#eef2f7';
    out.push(
      `<g class="group ${group.kind}" data-id="${escapeXml(group.id)}"><rect x="${x}" y="${y}" width="${box.width}" height="${box.height}" rx="6" fill="${fill}" stroke="#9aa4b2" stroke-dasharray="${group.kind === 'cluster' ? '0' : '4,3'}"/><text x="${x + 6}" y="${y + 13}" font-size="11" fill="#4b5563" ${FONT}>${escapeXml(`${group.kind} ${group.label}`)}</text></g>`,
    );
  }

  for (const e of graph.edges) {
    const layout = g.edge({ v: e.source, w: e.target, name: e.id });
    const st = STATE_STYLES[e.state];
    const points = layout.points.map((p: { x: number; y: number }) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    const mid = layout.points[Math.floor(layout.points.length / 2)];
    const lx = layout.x ?? mid.x;
    const ly = layout.y ?? mid.y;
    out.push(
      `<g class="edge ${e.state}${e.verified ? ' verified' : ''}" data-id="${escapeXml(e.id)}"><polyline points="${points}" fill="none" stroke="${st.color}" stroke-width="${e.verified ? 2.5 : 1.5}"${st.dashed ? ' stroke-dasharray="6,4"' : ''} marker-end="url(#arrow-${e.state})"/><text x="${lx}" y="${ly + 4}" text-anchor="middle" font-size="10" fill="${st.color}" ${FONT}>${escapeXml(edgeLabel(e))}</text></g>`,
    );
  }

  for (const n of graph.nodes) {
    const box = g.node(n.id);
    const x = box.x - box.width / 2;
    const y = box.y - box.height / 2;
    const badges = nodeBadges(n).join(' · ');
    const stroke = n.findingCounts.error > 0 ? '#c62828' : '#5f6b7a';
    const dash = n.kind !== 'external' && n.sidecar === false ? ' stroke-dasharray="4,3"' : '';
    const rx = n.kind === 'external' ? box.height / 2 : 4;
    out.push(
      `<g class="node ${n.kind}" data-id="${escapeXml(n.id)}"><rect x="${x}" y="${y}" width="${box.width}" height="${box.height}" rx="${rx}" fill="${NODE_FILL[n.kind]}" stroke="${stroke}"${dash}/>` +
        `<text x="${box.x}" y="${y + 19}" text-anchor="middle" font-size="12" ${FONT}>${escapeXml(n.label)}</text>` +
        (badges ? `<text x="${box.x}" y="${y + 35}" text-anchor="middle" font-size="10" fill="#6b7280" ${FONT}>${escapeXml(badges)}</text>` : '') +
        `</g>`,
    );
  }
  out.push(legend(20, legendY));
  out.push('</svg>');
  return out.join('\n') + '\n';
}
