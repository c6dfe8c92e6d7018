// Exports of the current view: an SVG drawn from what the canvas shows, a PNG from cytoscape, the graph as JSON.
import type cytoscape from 'cytoscape';
import type { TrustGraph } from '../src/graph/types';
import { isBox } from './canvasBoxes';
import { exportSvg, type ExportEdge, type ExportNode } from './exportSvg';
import { BOX_PADDING } from './groupBoxes';
import type { HostBridge } from './hostBridge';
import type { ExportFormat, ViewState } from './protocol';
import { graphJsonForView } from './graphJson';
import { readTheme } from './theme';

/** SVG of what is on the canvas now: current positions, filters and collapsed boxes. */
export function canvasSvg(cy: cytoscape.Core, graph: TrustGraph): string {
  const edgesById = new Map(graph.edges.map((e) => [e.id, e]));
  const nodes: ExportNode[] = cy.nodes().map((n) => {
    const p = n.position();
    // A box is drawn with its padding around the content it was sized to.
    const padding = isBox(n) ? 2 * BOX_PADDING : 0;
    return {
      id: n.id(),
      label: String(n.data('label') ?? ''),
      classes: n.classes(),
      x: p.x,
      y: p.y,
      w: (n.data('w') as number) + padding,
      h: (n.data('h') as number) + padding,
      group: n.hasClass('group'),
    };
  });
  const edges: ExportEdge[] = cy.edges().map((e) => ({
    id: e.id(),
    source: e.source().id(),
    target: e.target().id(),
    classes: e.classes(),
    port: String(edgesById.get(e.id())?.port ?? ''),
  }));
  return exportSvg(nodes, edges);
}

/** Saves the view in a format: in VS Code the host asks where, the standalone page downloads it. JSON follows the filters. */
export function exportView(format: ExportFormat, cy: cytoscape.Core, graph: TrustGraph, state: ViewState, host: Pick<HostBridge, 'saveExport'>): void {
  if (format === 'json') return host.saveExport('json', graphJsonForView(graph, state), 'trust-graph.json');
  if (format === 'png') {
    const data = cy.png({ output: 'base64uri', full: true, scale: 2, maxWidth: 8000, maxHeight: 8000, bg: readTheme().background });
    return host.saveExport('png', data, 'trust-graph.png');
  }
  host.saveExport('svg', canvasSvg(cy, graph), 'trust-graph.svg');
}
