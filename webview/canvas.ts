// The cytoscape canvas of one graph: created with options for its size and the renderer patches, its pointer events
// handed to the view, node positions read back and moved.
import cytoscape from 'cytoscape';
import type { TrustGraph } from '../src/graph/types';
import { CanvasBoxes, canvasNodes, isBox } from './canvasBoxes';
import { graphStyle } from './cyStyle';
import { installFastStyleCacheDirtying, skipLayerTexturesOnFirstFrame, suppressInjectedStylesheet } from './cytoscapePatches';
import type { Point } from './keyboard';
import type { LayoutInput } from './layout';
import { gridPosition, placeNearNeighbours, type Position } from './placement';
import type { LayoutName } from './protocol';
import { readTheme } from './theme';

/** Beyond this many elements, pan and zoom draw a cached texture and skip edges while moving. */
export const LARGE_GRAPH = 1500;

export interface GraphCanvas {
  readonly cy: cytoscape.Core;
  /** More elements than LARGE_GRAPH: the cheaper style and rendering options. */
  readonly large: boolean;
  readonly boxes: CanvasBoxes;
}

/** What the user does on the canvas, for the view to act on. */
export interface CanvasEvents {
  /** A node, box or edge was clicked. */
  tapped(id: string): void;
  /** A click on empty canvas. */
  tappedBackground(): void;
  /** A double click on a box (expanded or collapsed). */
  doubleTappedBox(id: string): void;
  /** A node or box was dropped after a drag. */
  dropped(): void;
  viewportChanged(zoom: number, pan: Position): void;
}

export function createCanvas(container: HTMLElement, graph: TrustGraph, events: CanvasEvents): GraphCanvas {
  suppressInjectedStylesheet();
  const large = graph.nodes.length + graph.edges.length > LARGE_GRAPH;
  const cy = cytoscape({
    container,
    style: graphStyle(readTheme(), large),
    minZoom: 0.05,
    maxZoom: 4,
    layout: { name: 'preset' },
    textureOnViewport: large,
    hideEdgesOnViewport: large,
    hideLabelsOnViewport: large,
    motionBlur: false,
    pixelRatio: large ? 1 : 'auto',
    boxSelectionEnabled: false,
  });
  installFastStyleCacheDirtying(cy);
  if (large) skipLayerTexturesOnFirstFrame(cy);
  const boxes = new CanvasBoxes(cy);
  cy.on('tap', 'node, edge', (e) => events.tapped(e.target.id()));
  cy.on('tap', (e) => {
    if (e.target === cy) events.tappedBackground();
  });
  cy.on('dbltap', 'node.group', (e) => events.doubleTappedBox(e.target.id()));
  boxes.followDrags();
  cy.on('dragfree', 'node', () => events.dropped());
  cy.on('viewport', () => events.viewportChanged(cy.zoom(), { ...cy.pan() }));
  return { cy, large, boxes };
}

/** Styles the canvas again from the page's theme colors (VS Code switched theme). */
export function restyle(canvas: GraphCanvas): void {
  canvas.cy.style(graphStyle(readTheme(), canvas.large));
}

/** The nodes that are placed, not sized to what they contain: workloads and collapsed boxes. */
export function placedNodes(cy: cytoscape.Core): cytoscape.NodeCollection {
  return cy.nodes().filter((n) => !isBox(n));
}

/** Where every workload (and collapsed box) is now: what a reload or a live update keeps. */
export function placedPositions(cy: cytoscape.Core): Record<string, Position> {
  const out: Record<string, Position> = {};
  cy.nodes().forEach((n) => {
    if (!isBox(n)) out[n.id()] = { ...n.position() };
  });
  return out;
}

/** Moves workloads to the positions given (those without one stay); boxes follow with CanvasBoxes.sync. */
export function moveNodes(cy: cytoscape.Core, positions: Readonly<Record<string, Position>>): void {
  cy.nodes()
    .filter((n) => !isBox(n) && positions[n.id()] !== undefined)
    .positions((n) => positions[n.id()]);
}

/** The workloads the keyboard moves between: those shown, at their model positions. */
export function navigablePoints(cy: cytoscape.Core): Point[] {
  return cy
    .nodes()
    .filter((n) => !isBox(n) && n.visible())
    .map((n) => ({ id: n.id(), x: (n as cytoscape.NodeSingular).position('x'), y: (n as cytoscape.NodeSingular).position('y') }));
}

/** Zooms in (or out) by one keyboard step around the middle of the canvas. */
export function zoomStep(cy: cytoscape.Core, zoomIn: boolean): void {
  cy.zoom({ level: zoomIn ? cy.zoom() * 1.2 : cy.zoom() / 1.2, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
}

/** What a layout of the canvas as it is now needs: node sizes, the boxes they sit in, the edges. */
export function canvasLayoutInput(cy: cytoscape.Core, layout: LayoutName): LayoutInput {
  const { nodes } = canvasNodes(cy);
  const edges = cy.edges().map((e) => ({ id: e.id(), source: e.source().id(), target: e.target().id() }));
  return { layout, nodes, edges };
}

/** Puts nodes on a grid, except those with a saved position: a cheap first picture while the real layout runs. */
export function placeOnGrid(nodes: cytoscape.NodeCollection, saved: Readonly<Record<string, Position>>): void {
  nodes.positions((n, i) => saved[n.id()] ?? gridPosition(i, nodes.length));
}

/** Places nodes a live edit added next to their neighbours (placement.ts); returns where they went. */
export function placeBesideNeighbours(cy: cytoscape.Core, ids: readonly string[]): Record<string, Position> {
  const others = cy
    .nodes()
    .filter((n) => !ids.includes(n.id()))
    .boundingBox({});
  const neighbours = (id: string) =>
    (cy.getElementById(id) as cytoscape.NodeSingular)
      .neighborhood()
      .nodes()
      .filter((n) => !ids.includes(n.id()) && !isBox(n))
      .map((n) => ({ x: (n as cytoscape.NodeSingular).position('x'), y: (n as cytoscape.NodeSingular).position('y') }));
  const placed = placeNearNeighbours(ids, neighbours, others);
  for (const id of ids) (cy.getElementById(id) as cytoscape.NodeSingular).position(placed[id]);
  return placed;
}
