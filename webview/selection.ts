// Selection and the detail pane: what an id names in the graph, how the canvas marks it, what the side panel shows.
import type cytoscape from 'cytoscape';
import type { GraphEdge, GraphGroup, GraphNode, SourceLink, TrustGraph } from '../src/graph/types';
import { h } from './dom';
import type { HostBridge } from './hostBridge';
import { renderEdge, renderGroup, renderNode, type PanelActions } from './panel';

export type Selection = { kind: 'node'; node: GraphNode } | { kind: 'edge'; edge: GraphEdge } | { kind: 'group'; group: GraphGroup };

/** The workload, call or box an id names; undefined for an id the graph does not have. */
export function findSelection(graph: TrustGraph, id: string): Selection | undefined {
  const node = graph.nodes.find((n) => n.id === id);
  if (node) return { kind: 'node', node };
  const edge = graph.edges.find((e) => e.id === id);
  if (edge) return { kind: 'edge', edge };
  const group = graph.groups.find((g) => g.id === id);
  return group ? { kind: 'group', group } : undefined;
}

/** What the status line announces (to screen readers too) for a selection. */
export function selectionStatus(selection: Selection, id: string): string {
  const label = selection.kind === 'node' ? selection.node.label : selection.kind === 'group' ? selection.group.label : id;
  return `Selected ${label}`;
}

/** A manifest's path on disk: links carry paths relative to the graph's root. */
export function sourcePath(root: string | undefined, file: string): string {
  return file.startsWith('/') || root === undefined ? file : `${root.replace(/\/$/, '')}/${file}`;
}

/** The file: URL of a manifest, as the standalone page links it. */
export function sourceFileUrl(root: string | undefined, file: string): string {
  return `file://${encodeURI(sourcePath(root, file))}`;
}

/**
 * What the panel's links and buttons do. In VS Code a source link opens the editor at its line; the standalone page
 * opens the file. `graph` is read when a link is used, so a live update's root applies.
 */
export function panelActions(
  graph: () => TrustGraph | undefined,
  host: Pick<HostBridge, 'inEditor' | 'post'>,
  select: (id: string) => void,
  focus: (id: string) => void,
): PanelActions {
  return {
    open: (link: SourceLink) => {
      if (host.inEditor) host.post({ type: 'open', file: sourcePath(graph()?.root, link.file), line: link.line });
      else window.open(sourceFileUrl(graph()?.root, link.file), '_blank', 'noopener');
    },
    linkHref: (link: SourceLink) => `${sourceFileUrl(graph()?.root, link.file)}#L${link.line}`,
    select,
    focus,
  };
}

/** Selects the element on the canvas; a selected node's calls show their direction (big graphs draw other edges without arrowheads). */
export function markSelected(cy: cytoscape.Core, id: string, center: boolean): void {
  cy.elements().unselect();
  const el = cy.getElementById(id);
  el.select();
  cy.edges('.of-selected').removeClass('of-selected');
  if (el.nonempty() && el.isNode()) (el as cytoscape.NodeSingular).connectedEdges().addClass('of-selected');
  if (center && el.nonempty() && el.isNode()) cy.animate({ center: { eles: el } }, { duration: 150 });
}

export function clearSelectedMarks(cy: cytoscape.Core): void {
  cy.elements().unselect();
  cy.edges('.of-selected').removeClass('of-selected');
}

/** The side panel, showing the details of one selection at a time. */
export class DetailPane {
  readonly element = h('aside', { class: 'side-panel', id: 'side-panel', 'aria-label': 'Details', hidden: '' });

  show(selection: Selection, graph: TrustGraph, actions: PanelActions, box: { collapsed: boolean; toggle: () => void }): void {
    if (selection.kind === 'node') renderNode(this.element, selection.node, graph, actions);
    else if (selection.kind === 'edge') renderEdge(this.element, selection.edge, graph, actions);
    else renderGroup(this.element, selection.group, graph, box.collapsed, box.toggle);
    this.element.hidden = false;
  }

  hide(): void {
    this.element.hidden = true;
  }

  /** Moves keyboard focus to the panel's first link or button. */
  focusFirstControl(): void {
    (this.element.querySelector('a, vscode-button') as HTMLElement | null)?.focus();
  }
}
