// Brings the canvas in line with the view model: which elements go, which change, which come and where (the plan is
// pure and testable in Node; applying it is one cytoscape batch).
import type cytoscape from 'cytoscape';
import { containers } from './groupBoxes';
import type { Position } from './placement';
import type { EdgeData, ElementDef, NodeData, ViewModel } from './view';

/**
 * What cytoscape gets for a node of the view model: the box it sits in goes in `box`, not `parent`, so cytoscape never
 * builds compound nodes (see groupBoxes.ts).
 */
export function canvasData(d: NodeData): Record<string, unknown> {
  const { parent, ...rest } = d;
  return parent ? { ...rest, box: parent } : rest;
}

export interface CanvasSyncPlan {
  /** Ids on the canvas the view model no longer has. */
  remove: string[];
  /** Elements on the canvas that stay where they are, with their new data and classes. */
  update: { id: string; data: Record<string, unknown>; classes: string; leftBox: boolean }[];
  /** New elements, at their saved position when the view state has one. */
  add: cytoscape.ElementDefinition[];
  /** New workloads (or collapsed boxes) without a saved position: the caller places them. */
  unplaced: string[];
}

/**
 * `onCanvas`: the id of every element on the canvas, with the box it sits in now. Nothing already on the canvas
 * moves; a node that left its box loses its stale `box`.
 */
export function planCanvasSync(
  model: ViewModel,
  onCanvas: ReadonlyMap<string, string | undefined>,
  positions: Readonly<Record<string, Position>>,
): CanvasSyncPlan {
  const plan: CanvasSyncPlan = { remove: [], update: [], add: [], unplaced: [] };
  const elements: (ElementDef<NodeData> | ElementDef<EdgeData>)[] = [...model.nodes, ...model.edges];
  const wanted = new Set(elements.map((e) => e.data.id));
  for (const id of onCanvas.keys()) if (!wanted.has(id)) plan.remove.push(id);
  const boxes = containers(model.nodes.map((n) => n.data));
  for (const el of elements) {
    const id = el.data.id;
    const data = el.group === 'nodes' ? canvasData(el.data as NodeData) : { ...el.data };
    if (onCanvas.has(id)) {
      plan.update.push({ id, data, classes: el.classes, leftBox: el.group === 'nodes' && onCanvas.get(id) !== undefined && data.box === undefined });
      continue;
    }
    const saved = positions[id];
    plan.add.push({ group: el.group, data: data as cytoscape.ElementDataDefinition, classes: el.classes, position: saved ? { ...saved } : undefined });
    if (el.group === 'nodes' && !saved && !boxes.has(id)) plan.unplaced.push(id);
  }
  return plan;
}

/** The box each element on the canvas sits in now (undefined for edges and top-level nodes). */
export function elementsOnCanvas(cy: cytoscape.Core): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  cy.elements().forEach((el) => {
    out.set(el.id(), el.isNode() ? ((el.data('box') as string | undefined) ?? undefined) : undefined);
  });
  return out;
}

export function applyCanvasSync(cy: cytoscape.Core, plan: CanvasSyncPlan): void {
  cy.batch(() => {
    if (plan.remove.length > 0) {
      const gone = new Set(plan.remove);
      cy.elements()
        .filter((el) => gone.has(el.id()))
        .remove();
    }
    for (const u of plan.update) {
      const existing = cy.getElementById(u.id);
      if (u.leftBox) existing.removeData('box');
      existing.data(u.data);
      existing.classes(u.classes);
    }
    // One add for all new elements: adding thousands one by one rebuilds collections each time.
    if (plan.add.length > 0) cy.add(plan.add);
  });
}
