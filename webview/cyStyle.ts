// The cytoscape stylesheet: edge style by channel state, node badges by class, boxes for clusters and namespaces.
import { BOX_PADDING } from './groupBoxes';
import type { ThemeColors } from './theme';

// Codicons carry the lock, warning and check glyphs; the fallback font draws names and port numbers.
const FONT = 'codicon, system-ui, -apple-system, "Segoe UI", sans-serif';

const edgeLine = { width: 1.5, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'arrow-scale': 0.9 } as const;

// Haystack edges skip cytoscape's per-edge control point search, the largest single cost of a big first draw, but
// draw no arrowheads; arrows on every edge cost too much, so only the selected edge and the selected node's edges get them.
const bigEdge = { width: 1, 'curve-style': 'haystack', 'haystack-radius': 0 } as const;

function edgeLabelStyle(t: ThemeColors) {
  return {
    label: 'data(label)',
    'font-family': FONT,
    'font-size': 10,
    'text-background-color': t.background,
    'text-background-opacity': 0.85,
    'text-background-padding': '1px',
    'text-rotation': 'none',
    'min-zoomed-font-size': 7,
  } as const;
}

/**
 * `large`: thousands of edges. Haystack edges without labels draw far faster than labelled bezier curves; the port
 * and state marks are still in the side panel and the edge colors and dashes.
 */
export function graphStyle(t: ThemeColors, large = false): cytoscape.StylesheetJson {
  const sheet: cytoscape.StylesheetJson = [
    {
      selector: 'node',
      style: {
        shape: 'round-rectangle',
        width: 'data(w)',
        height: 'data(h)',
        label: 'data(label)',
        'font-family': FONT,
        'font-size': 11,
        color: t.foreground,
        'text-valign': 'center',
        'text-halign': 'center',
        'text-wrap': 'wrap',
        'background-color': t.nodeBackground,
        'border-width': 1.5,
        'border-color': t.nodeBorder,
        'min-zoomed-font-size': 6,
      },
    },
    { selector: 'node.gateway', style: { shape: 'cut-rectangle', 'background-color': t.gateway } },
    { selector: 'node.external', style: { shape: 'barrel', 'background-color': t.external } },
    { selector: 'node.no-sidecar', style: { 'border-style': 'dashed', 'border-color': t.plaintext, 'border-width': 2 } },
    { selector: 'node.has-warnings', style: { 'border-color': t.warning, 'border-width': 2 } },
    { selector: 'node.has-errors', style: { 'border-color': t.error, 'border-width': 2.5 } },
    {
      selector: 'node.group',
      style: {
        shape: 'round-rectangle',
        label: 'data(label)',
        'text-valign': 'top',
        'text-halign': 'center',
        'font-size': 12,
        'font-weight': 'bold',
        color: t.muted,
        'background-color': t.groupBackground,
        'background-opacity': 0.55,
        'border-color': t.groupBorder,
        'border-width': 1,
        'border-style': 'solid',
        padding: `${BOX_PADDING}px`,
        // Boxes are plain nodes sized to their content (groupBoxes.ts): drawn first, under edges and workloads.
        'z-compound-depth': 'bottom',
        'z-index': 0,
      },
    },
    { selector: 'node.group.namespace', style: { 'border-style': 'dashed', 'background-opacity': 0.35, 'z-index': 1 } },
    // A collapsed box stands for its workloads: drawn like them, above the edges that now end at it.
    {
      selector: 'node.group.collapsed',
      style: { 'text-valign': 'center', 'border-width': 2, 'background-opacity': 0.8, color: t.foreground, 'z-compound-depth': 'auto' },
    },
    // Every property a selector sets is applied to each matching element one by one; on big graphs edges carry no
    // label, so they get none of the label properties.
    { selector: 'edge', style: large ? bigEdge : { ...edgeLine, ...edgeLabelStyle(t) } },
    { selector: 'edge.mtls', style: { 'line-color': t.mtls, 'target-arrow-color': t.mtls, color: t.mtls } },
    { selector: 'edge.permissive', style: { 'line-color': t.permissive, 'target-arrow-color': t.permissive, color: t.permissive } },
    { selector: 'edge.plaintext', style: { 'line-color': t.plaintext, 'target-arrow-color': t.plaintext, color: t.plaintext, 'line-style': 'dashed' } },
    { selector: 'edge.denied', style: { 'line-color': t.denied, 'target-arrow-color': t.denied, color: t.denied, 'target-arrow-shape': 'tee' } },
    { selector: 'edge.verified', style: { width: 3 } },
    { selector: 'edge.predicted', style: { 'line-opacity': 0.85 } },
    { selector: 'edge.disagrees', style: { 'line-style': 'dotted', width: 3 } },
    { selector: 'edge.summary', style: { width: 2.5, 'line-opacity': 0.7 } },
    { selector: '.faded', style: { opacity: 0.25 } },
    { selector: 'node.match', style: { 'border-color': t.focus, 'border-width': 3 } },
    { selector: 'node:selected', style: { 'border-color': t.focus, 'border-width': 3, 'overlay-color': t.focus, 'overlay-opacity': 0.12 } },
    { selector: 'edge:selected', style: { width: 4, 'overlay-color': t.focus, 'overlay-opacity': 0.15 } },
  ];
  if (large) {
    sheet.push(
      { selector: 'edge:selected', style: { ...edgeLabelStyle(t), width: 3 } },
      { selector: 'edge:selected, edge.of-selected', style: { 'curve-style': 'straight', 'target-arrow-shape': 'triangle', 'arrow-scale': 0.9 } },
      { selector: 'edge.denied:selected, edge.denied.of-selected', style: { 'target-arrow-shape': 'tee' } },
      { selector: 'node', style: { 'min-zoomed-font-size': 9 } },
    );
  }
  return sheet;
}
