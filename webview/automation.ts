// The page's automation handle (window.ztnTrustGraph) for the browser tests and the benchmark: what the canvas shows,
// and nothing the page does not show.
import type cytoscape from 'cytoscape';

export interface CanvasSnapshot {
  nodes: { id: string; classes: string[]; position: cytoscape.Position; onPage: cytoscape.Position }[];
  /** `arrowhead`: the edge is drawn with an arrowhead at its target. */
  edges: { id: string; source: string; target: string; classes: string[]; onPage: cytoscape.Position; arrowhead: boolean }[];
  zoom: number;
  pan: cytoscape.Position;
}

export interface AutomationHandle {
  /** What the canvas shows, with on-screen positions (page coordinates). */
  snapshot(): CanvasSnapshot;
  /** The SVG export of the current view. */
  svg(): string;
  /** Draws the canvas again now, through cytoscape's textures. */
  redraw(): void;
}

export function exposeAutomation(handle: AutomationHandle): void {
  (window as unknown as { ztnTrustGraph: AutomationHandle }).ztnTrustGraph = handle;
}

/** `container`: the canvas's element, whose place on the page turns rendered positions into page coordinates. */
export function canvasSnapshot(cy: cytoscape.Core | undefined, container: HTMLElement): CanvasSnapshot {
  if (!cy) return { nodes: [], edges: [], zoom: 1, pan: { x: 0, y: 0 } };
  const origin = container.getBoundingClientRect();
  const onPage = (p: cytoscape.Position) => ({ x: origin.left + p.x, y: origin.top + p.y });
  return {
    nodes: cy.nodes().map((n) => ({ id: n.id(), classes: n.classes(), position: { ...n.position() }, onPage: onPage(n.renderedPosition()) })),
    edges: cy.edges().map((e) => ({
      id: e.id(),
      source: e.source().id(),
      target: e.target().id(),
      classes: e.classes(),
      onPage: onPage(e.renderedMidpoint()),
      arrowhead: e.style('curve-style') !== 'haystack' && e.style('target-arrow-shape') !== 'none',
    })),
    zoom: cy.zoom(),
    pan: { ...cy.pan() },
  };
}
