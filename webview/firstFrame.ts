// How a laid-out graph reaches the screen: the view fitted to it, the first frame of a big graph painted straight,
// and the marks the graph benchmark and the browser tests read.
import type { GraphCanvas } from './canvas';
import { canvasNodes } from './canvasBoxes';
import { paintFirstFrameStraight } from './cytoscapePatches';
import { drawnExtent } from './groupBoxes';
import { FIT_PADDING, fitViewport } from './placement';

/** Phase marks (read by the graph benchmark): graph parsed, layout answered, canvas built, first render. */
export type Phase = 'ztn:graph-parsed' | 'ztn:layout-answered' | 'ztn:canvas-built' | 'ztn:first-render';

export function markPhase(phase: Phase): void {
  performance.mark(phase);
}

export function firstRenderMarked(): boolean {
  return performance.getEntriesByName('ztn:first-render').length > 0;
}

export function markLayoutRunning(): void {
  document.body.dataset.layout = 'running';
}

export function markLayoutDone(workerMs: number, offThread: boolean): void {
  performance.mark('ztn:layout-done');
  document.body.dataset.layout = 'done';
  document.body.dataset.layoutMs = String(workerMs);
  document.body.dataset.layoutOffThread = String(offThread);
}

/**
 * What `cy.fit` does, from the node positions and sizes and the box rectangles instead of cytoscape's bounding boxes,
 * which on a big graph take the styles, labels and edge paths of every element.
 */
function fitToPositions(canvas: GraphCanvas): void {
  const cy = canvas.cy;
  const { nodes, positions } = canvasNodes(cy);
  const extent = drawnExtent(nodes, positions, canvas.boxes.rects);
  if (!extent) return void cy.fit(undefined, FIT_PADDING);
  cy.viewport(fitViewport(extent, { width: cy.width(), height: cy.height(), minZoom: cy.minZoom(), maxZoom: cy.maxZoom() }));
}

/** Fits the view to the whole graph after a layout. */
export function fitCanvas(canvas: GraphCanvas): void {
  if (canvas.large) fitToPositions(canvas);
  else canvas.cy.fit(undefined, FIT_PADDING);
}

/** The first frame after the first layout: the whole graph, on a big one painted straight onto the canvas. */
export function drawFirstFrame(canvas: GraphCanvas): void {
  fitCanvas(canvas);
  if (canvas.large) paintFirstFrameStraight(canvas.cy, recordFirstFrame);
}

/** For tests: how many elements the first frame painted straight, and, when asked for before the page loads, its picture. */
function recordFirstFrame(painted: number, canvas: HTMLCanvasElement): void {
  document.body.dataset.firstFrameDirect = String(painted);
  const test = window as { ztnCaptureFirstFrame?: boolean; ztnFirstFrame?: string };
  if (test.ztnCaptureFirstFrame) test.ztnFirstFrame = canvas.toDataURL();
}
