// Runs a layout on a headless cytoscape and returns node positions; used by the layout worker (and as a fallback in-page).
import type { BoxedNode } from './groupBoxes';
import { groupedLayout } from './groupedLayout';
import { cytoscape } from './layoutExtensions';
import type { LayoutName } from './protocol';

/**
 * Above this many nodes plus edges, dagre and fcose take seconds to minutes, so the grouped layout takes over.
 */
export const LIBRARY_LAYOUT_LIMIT = 600;

/** A node as a layout gets it: its size, and the box it sits in. */
export type LayoutNode = BoxedNode;

export interface LayoutRequest {
  /** Echoed back, so the page ignores answers to layouts it no longer wants. */
  id: number;
  layout: LayoutName;
  nodes: LayoutNode[];
  edges: { id: string; source: string; target: string }[];
}

export interface LayoutAnswer {
  id: number;
  positions: Record<string, { x: number; y: number }>;
  /** Time spent inside the layout, in ms. */
  ms: number;
  /** Which layout ran: the libraries for small graphs, the grouped layout for big ones. */
  engine?: 'dagre' | 'fcose' | 'grouped';
  error?: string;
}

function options(layout: LayoutName, nodeCount: number): cytoscape.LayoutOptions {
  if (layout === 'layered') {
    // Callers left, callees right: a call flow reads like a sentence.
    return { name: 'dagre', rankDir: 'LR', nodeSep: 16, rankSep: 90, edgeSep: 8, animate: false, fit: false } as cytoscape.LayoutOptions;
  }
  // 'draft' quality keeps big overviews fast; the force layout is for shape, not precision.
  return {
    name: 'fcose',
    quality: nodeCount > 800 ? 'draft' : 'default',
    randomize: true,
    animate: false,
    fit: false,
    packComponents: true,
    nodeRepulsion: 6000,
    idealEdgeLength: 90,
    nestingFactor: 0.4,
    numIter: nodeCount > 800 ? 1200 : 2500,
  } as cytoscape.LayoutOptions;
}

function libraryLayout(req: LayoutRequest): LayoutAnswer {
  const started = performance.now();
  const known = new Set(req.nodes.map((n) => n.id));
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    style: [{ selector: 'node', style: { width: 'data(w)', height: 'data(h)', shape: 'round-rectangle' } }],
    elements: [
      ...req.nodes.map((n) => ({
        group: 'nodes' as const,
        data: { id: n.id, parent: n.parent && known.has(n.parent) ? n.parent : undefined, w: n.w, h: n.h },
      })),
      ...req.edges
        .filter((e) => known.has(e.source) && known.has(e.target))
        .map((e) => ({ group: 'edges' as const, data: { id: e.id, source: e.source, target: e.target } })),
    ],
  });
  cy.layout(options(req.layout, req.nodes.length)).run();
  const positions: LayoutAnswer['positions'] = {};
  cy.nodes().forEach((n) => {
    if (n.isParent()) return;
    const p = n.position();
    positions[n.id()] = { x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 };
  });
  cy.destroy();
  return { id: req.id, positions, ms: Math.round(performance.now() - started), engine: req.layout === 'layered' ? 'dagre' : 'fcose' };
}

/** Picks the layout engine: dagre or fcose on the whole graph while they are fast, the grouped layout beyond. */
export function computeLayout(req: LayoutRequest): LayoutAnswer {
  if (req.nodes.length + req.edges.length <= LIBRARY_LAYOUT_LIMIT) return libraryLayout(req);
  const started = performance.now();
  const positions = groupedLayout(req.nodes, req.edges, req.layout);
  return { id: req.id, positions, ms: Math.round(performance.now() - started), engine: 'grouped' };
}
