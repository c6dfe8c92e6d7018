// Trust graph webview entry: draws the graph with cytoscape, wires toolbar, side panel, keyboard, exports and host messages.
// First import: starts the layout worker and the font before everything else is set up.
import { codiconFont, layoutWorker } from './earlyStart';
import cytoscape from 'cytoscape';
import type { SourceLink, TrustGraph } from '../src/graph/types';
import { buildToolbar, legend } from './controls';
import { graphStyle } from './cyStyle';
import { installFastStyleCacheDirtying, paintFirstFrameStraight, skipLayerTexturesOnFirstFrame, suppressInjectedStylesheet } from './cytoscapePatches';
import { h } from './dom';
import { exportSvg, type ExportEdge, type ExportNode } from './exportSvg';
import { BOX_PADDING, boxRects, drawnExtent, type BoxedNode, type BoxRect } from './groupBoxes';
import { connectHost } from './hostBridge';
import { nearestInDirection, readingOrder, type Direction } from './keyboard';
import { LayoutRunner } from './layout';
import { renderEdge, renderGroup, renderNode, type PanelActions } from './panel';
import type { ExportFormat, GraphFilters, HostMessage, LayoutName, ViewState } from './protocol';
import { readTheme, watchTheme } from './theme';
import { defaultViewState, viewModel, type EdgeData, type ElementDef, type NodeData } from './view';

// Beyond this many elements, pan and zoom draw a cached texture and skip edges while moving.
const LARGE_GRAPH = 1500;

/** An expanded cluster or namespace box: a plain node drawn under everything, sized to what it contains. */
function isBox(n: cytoscape.NodeSingular): boolean {
  return n.hasClass('group') && !n.hasClass('collapsed');
}

/**
 * What cytoscape gets for a node of the view model: the box it sits in goes in `box`, not `parent`, so cytoscape never
 * builds compound nodes (see groupBoxes.ts).
 */
function canvasData(d: NodeData): Record<string, unknown> {
  const { parent, ...rest } = d;
  return parent ? { ...rest, box: parent } : rest;
}

function readJson<T>(id: string): T | undefined {
  const el = document.getElementById(id);
  if (!el?.textContent) return undefined;
  try {
    return JSON.parse(el.textContent) as T;
  } catch {
    return undefined;
  }
}

class TrustGraphView {
  private graph: TrustGraph | undefined;
  private state: ViewState = defaultViewState();
  private cy: cytoscape.Core | undefined;
  private readonly host = connectHost();
  private readonly layouts = new LayoutRunner(layoutWorker);
  private layoutGeneration = 0;
  private readonly app = document.getElementById('app')!;
  private readonly graphArea = h('div', { class: 'graph-area' });
  private readonly canvas = h('div', { id: 'graph', tabindex: '0', role: 'application', 'aria-label': 'Trust graph. Tab moves between workloads, arrow keys move to the nearest one, Enter opens details.' });
  private readonly panel = h('aside', { class: 'side-panel', id: 'side-panel', 'aria-label': 'Details', hidden: '' });
  private readonly status = h('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
  private toolbar: HTMLElement | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private large = false;
  /** Content rectangle of every expanded box, as last put on the canvas. */
  private boxes = new Map<string, BoxRect>();
  /** While a box is dragged: what it contains, moved along with it. */
  private boxDrag: { box: cytoscape.NodeSingular; members: cytoscape.NodeCollection; last: cytoscape.Position } | undefined;
  /** A selection asked for before any graph came (the host's "show in graph" on a panel still starting). */
  private pendingSelection: string | undefined;

  async start(): Promise<void> {
    await codiconFont;
    this.graphArea.append(this.canvas, legend(), this.status);
    this.app.append(this.graphArea, this.panel);
    this.host.onMessage((m) => this.onMessage(m));
    this.canvas.addEventListener('keydown', (e) => this.onKey(e));
    watchTheme(() => this.cy?.style(graphStyle(readTheme(), this.large)));
    const embedded = readJson<TrustGraph>('ztn-graph');
    // Phase marks (read by the graph benchmark): graph parsed, layout answered, canvas built, first render.
    performance.mark('ztn:graph-parsed');
    if (embedded) this.show(embedded, this.host.getState() ?? readJson<ViewState>('ztn-state'));
    else this.status.textContent = 'Waiting for the trust graph…';
    this.host.post({ type: 'ready' });
  }

  private onMessage(m: HostMessage): void {
    if (m.type === 'graph') this.show(m.graph, m.state ?? this.host.getState());
    else if (m.type === 'update') this.update(m.graph);
    else if (m.type === 'select') this.select(m.id);
  }

  private show(graph: TrustGraph, saved: ViewState | undefined): void {
    this.graph = graph;
    this.state = { ...defaultViewState(), ...saved, filters: { ...defaultViewState().filters, ...saved?.filters } };
    if (this.pendingSelection) this.state.selected = this.pendingSelection;
    this.pendingSelection = undefined;
    this.cy?.destroy();
    this.cy = undefined;
    const hasSaved = Object.keys(this.state.positions).length > 0;
    if (hasSaved) {
      this.showToolbar(graph);
      this.createCanvas(graph);
      this.refresh({ layout: false });
      if (this.state.zoom !== undefined && this.state.pan) this.cy!.viewport({ zoom: this.state.zoom, pan: this.state.pan });
      else this.cy!.fit(undefined, 30);
      if (this.state.selected) this.select(this.state.selected);
      return;
    }
    // No saved positions: lay out first, then build the canvas once with every element in place. Drawing a
    // placeholder and moving everything afterwards cost a second full style, bounds and edge pass on big graphs.
    const generation = ++this.layoutGeneration;
    document.body.dataset.layout = 'running';
    this.status.textContent = 'Laying out the trust graph…';
    const model = viewModel(graph, this.state);
    void this.layouts
      .run({
        layout: this.state.layout,
        nodes: model.nodes.map((n) => ({ id: n.data.id, parent: n.data.parent, w: n.data.w, h: n.data.h })),
        edges: model.edges.map((e) => ({ id: e.data.id, source: e.data.source, target: e.data.target })),
      })
      .then((answer) => {
        if (generation !== this.layoutGeneration || this.graph !== graph) return;
        performance.mark('ztn:layout-answered');
        this.state.positions = { ...answer.positions };
        const cy = this.createCanvas(graph);
        this.refresh({ layout: false });
        if (answer.error) this.status.textContent = `Layout failed: ${answer.error}`;
        if (this.large) {
          this.fitToPositions(cy);
          paintFirstFrameStraight(cy, (painted, canvas) => {
            // For tests: how many elements the first frame painted this way, and, when asked for before the page
            // loads, the picture it painted.
            document.body.dataset.firstFrameDirect = String(painted);
            const test = window as { ztnCaptureFirstFrame?: boolean; ztnFirstFrame?: string };
            if (test.ztnCaptureFirstFrame) test.ztnFirstFrame = canvas.toDataURL();
          });
        } else cy.fit(undefined, 30);
        if (this.state.selected) this.select(this.state.selected);
        performance.mark('ztn:canvas-built');
        requestAnimationFrame(() => {
          if (!performance.getEntriesByName('ztn:first-render').length) performance.mark('ztn:first-render');
          this.markLayoutDone(answer.ms);
        });
      });
    // Built while the worker lays out.
    this.showToolbar(graph);
  }

  private showToolbar(graph: TrustGraph): void {
    this.toolbar?.remove();
    this.toolbar = buildToolbar(graph, this.state, {
      filtersChanged: (f) => this.setFilters(f),
      layoutChanged: (l) => this.setLayout(l),
      fit: () => this.cy?.fit(undefined, 30),
      clearFocus: () => {
        this.state.focus = undefined;
        this.refresh();
      },
      collapseAll: (collapse) => {
        this.state.collapsed = collapse ? graph.groups.filter((g) => g.kind === 'namespace').map((g) => g.id) : [];
        this.refresh();
      },
      exportAs: (format) => this.exportAs(format),
    });
    this.app.prepend(this.toolbar);
  }

  private createCanvas(graph: TrustGraph): cytoscape.Core {
    suppressInjectedStylesheet();
    const count = graph.nodes.length + graph.edges.length;
    this.large = count > LARGE_GRAPH;
    const cy = cytoscape({
      container: this.canvas,
      style: graphStyle(readTheme(), this.large),
      minZoom: 0.05,
      maxZoom: 4,
      layout: { name: 'preset' },
      textureOnViewport: this.large,
      hideEdgesOnViewport: this.large,
      hideLabelsOnViewport: this.large,
      motionBlur: false,
      pixelRatio: this.large ? 1 : 'auto',
      boxSelectionEnabled: false,
    });
    installFastStyleCacheDirtying(cy);
    if (this.large) skipLayerTexturesOnFirstFrame(cy);
    this.cy = cy;
    this.bindCanvasEvents(cy);
    return cy;
  }

  /**
   * What `cy.fit` does, from the node positions and sizes and the box rectangles instead of cytoscape's bounding
   * boxes: on big graphs those bounds (styles, labels and edge paths of every element) were a third of the time to
   * first render.
   */
  private fitToPositions(cy: cytoscape.Core): void {
    const { nodes, positions } = this.canvasNodes(cy);
    const extent = drawnExtent(nodes, positions, this.boxes);
    if (!extent) return void cy.fit(undefined, 30);
    const { x1, y1, x2, y2 } = extent;
    const zoom = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), Math.min((cy.width() - 60) / (x2 - x1), (cy.height() - 60) / (y2 - y1))));
    cy.viewport({ zoom, pan: { x: (cy.width() - zoom * (x1 + x2)) / 2, y: (cy.height() - zoom * (y1 + y2)) / 2 } });
  }

  private markLayoutDone(workerMs: number): void {
    performance.mark('ztn:layout-done');
    document.body.dataset.layout = 'done';
    document.body.dataset.layoutMs = String(workerMs);
    document.body.dataset.layoutOffThread = String(this.layouts.offThread);
  }

  /** Live edit: keep every known node where it is; only new nodes get a place, next to their neighbours. */
  private update(graph: TrustGraph): void {
    if (!this.cy || !this.graph) return this.show(graph, this.state);
    this.captureLayoutPositions();
    this.graph = graph;
    this.refresh({ layout: false });
    if (this.state.selected) this.select(this.state.selected, false);
  }

  private setFilters(f: Partial<GraphFilters>): void {
    this.state.filters = { ...this.state.filters, ...f };
    this.refresh();
  }

  private setLayout(layout: LayoutName): void {
    if (layout === this.state.layout) return;
    this.state.layout = layout;
    this.state.positions = {};
    this.refresh({ layout: true });
  }

  /** Syncs the canvas with the view model: removes, adds and restyles elements without moving existing ones. */
  private refresh(options: { layout?: boolean } = {}): void {
    const cy = this.cy;
    const graph = this.graph;
    if (!cy || !graph) return;
    const model = viewModel(graph, this.state);
    const wanted = new Map([...model.nodes, ...model.edges].map((e) => [e.data.id, e]));
    const added: string[] = [];
    cy.batch(() => {
      cy.elements().filter((el) => !wanted.has(el.id())).remove();
      // One add for all new elements: adding thousands one by one rebuilds collections each time.
      const fresh: cytoscape.ElementDefinition[] = [];
      const boxes = new Set(model.nodes.flatMap((n) => (n.data.parent ? [n.data.parent] : [])));
      const place = (el: ElementDef<NodeData> | ElementDef<EdgeData>) => {
        const data = el.group === 'nodes' ? canvasData(el.data as NodeData) : { ...el.data };
        const existing = cy.getElementById(el.data.id);
        if (existing.nonempty()) {
          // A node that left its box keeps no stale `box`.
          if (el.group === 'nodes' && existing.data('box') !== undefined && data.box === undefined) existing.removeData('box');
          existing.data(data);
          existing.classes(el.classes);
          return;
        }
        const saved = this.state.positions[el.data.id];
        fresh.push({ group: el.group, data: data as cytoscape.ElementDataDefinition, classes: el.classes, position: saved ? { ...saved } : undefined });
        if (el.group === 'nodes' && !saved && !boxes.has(el.data.id)) added.push(el.data.id);
      };
      for (const el of model.nodes) place(el);
      for (const el of model.edges) place(el);
      if (fresh.length) cy.add(fresh);
    });
    const leaves = cy.nodes().filter((n) => !isBox(n));
    if (options.layout || (added.length > 0 && added.length === leaves.length)) {
      this.placeOnGrid(leaves);
      void this.runLayout();
    } else if (added.length > 0) {
      this.placeNearNeighbours(added);
    }
    this.syncBoxes(cy);
    this.status.textContent = `${leaves.length} nodes, ${cy.edges().length} edges shown${model.matches.length && this.state.filters.search ? ` · ${model.matches.length} match` : ''}`;
    this.persist();
  }

  /** A cheap first picture while the real layout runs off-thread. */
  private placeOnGrid(nodes: cytoscape.NodeCollection): void {
    const columns = Math.max(1, Math.ceil(Math.sqrt(nodes.length)));
    nodes.positions((n, i) => this.state.positions[n.id()] ?? { x: (i % columns) * 160, y: Math.floor(i / columns) * 70 });
    if (!performance.getEntriesByName('ztn:first-render').length) {
      this.cy?.fit(undefined, 30);
      requestAnimationFrame(() => performance.mark('ztn:first-render'));
    }
  }

  private placeNearNeighbours(ids: string[]): void {
    const cy = this.cy!;
    const box = cy.nodes().filter((n) => !ids.includes(n.id())).boundingBox({});
    ids.forEach((id, i) => {
      const node = cy.getElementById(id) as cytoscape.NodeSingular;
      const neighbours = node.neighborhood().nodes().filter((n) => !ids.includes(n.id()) && !isBox(n));
      if (neighbours.length > 0) {
        let c = { x: 0, y: 0 };
        neighbours.forEach((n) => {
          c = { x: c.x + n.position('x') / neighbours.length, y: c.y + n.position('y') / neighbours.length };
        });
        node.position({ x: c.x + 60 + (i % 3) * 20, y: c.y + 50 + i * 8 });
      } else {
        node.position({ x: (Number.isFinite(box.x2) ? box.x2 : 0) + 120, y: (Number.isFinite(box.y1) ? box.y1 : 0) + i * 60 });
      }
      this.state.positions[id] = { ...node.position() };
    });
  }

  private async runLayout(): Promise<void> {
    const cy = this.cy!;
    const generation = ++this.layoutGeneration;
    document.body.dataset.layout = 'running';
    const { nodes } = this.canvasNodes(cy);
    const edges = cy.edges().map((e) => ({ id: e.id(), source: e.source().id(), target: e.target().id() }));
    const answer = await this.layouts.run({ layout: this.state.layout, nodes, edges });
    if (generation !== this.layoutGeneration || this.cy !== cy) return;
    if (answer.error) this.status.textContent = `Layout failed: ${answer.error}`;
    cy.nodes()
      .filter((n) => !isBox(n) && answer.positions[n.id()] !== undefined)
      .positions((n) => answer.positions[n.id()]);
    this.state.positions = { ...this.state.positions, ...answer.positions };
    this.syncBoxes(cy);
    if (this.large) this.fitToPositions(cy);
    else cy.fit(undefined, 30);
    requestAnimationFrame(() => this.markLayoutDone(answer.ms));
    this.persist();
  }

  private captureLayoutPositions(): void {
    this.cy?.nodes().forEach((n) => {
      if (!isBox(n)) this.state.positions[n.id()] = { ...n.position() };
    });
  }

  /** The canvas nodes as the layout and the box geometry see them: sizes, boxes they sit in, current positions. */
  private canvasNodes(cy: cytoscape.Core): { nodes: BoxedNode[]; positions: Record<string, cytoscape.Position> } {
    const nodes: BoxedNode[] = [];
    const positions: Record<string, cytoscape.Position> = {};
    cy.nodes().forEach((n) => {
      nodes.push({ id: n.id(), parent: (n.data('box') as string | undefined) ?? undefined, w: n.data('w') as number, h: n.data('h') as number });
      if (!isBox(n)) positions[n.id()] = n.position();
    });
    return { nodes, positions };
  }

  /** Sizes and places every box around what it contains now (after a layout, a refresh or a drag). */
  private syncBoxes(cy: cytoscape.Core): void {
    const { nodes, positions } = this.canvasNodes(cy);
    this.boxes = boxRects(nodes, positions);
    cy.batch(() => {
      for (const [id, r] of this.boxes) {
        const box = cy.getElementById(id) as cytoscape.NodeSingular;
        if (box.data('w') !== r.w || box.data('h') !== r.h) box.data({ w: r.w, h: r.h });
        const p = box.position();
        if (p.x !== r.x || p.y !== r.y) box.position({ x: r.x, y: r.y });
      }
    });
  }

  /** Nodes inside a box, at any depth. */
  private membersOf(cy: cytoscape.Core, boxId: string): cytoscape.NodeCollection {
    const boxOf = new Map(cy.nodes().map((n) => [n.id(), n.data('box') as string | undefined]));
    const inside = (id: string) => {
      for (let b = boxOf.get(id); b; b = boxOf.get(b)) if (b === boxId) return true;
      return false;
    };
    return cy.nodes().filter((n) => inside(n.id()));
  }

  private bindCanvasEvents(cy: cytoscape.Core): void {
    cy.on('tap', 'node, edge', (e) => this.select(e.target.id()));
    cy.on('tap', (e) => {
      if (e.target === cy) this.closePanel();
    });
    cy.on('dbltap', 'node.group', (e) => this.toggleCollapsed(e.target.id()));
    // Boxes are plain nodes: dragging one carries what it contains, and a dragged node stretches its boxes.
    cy.on('grab', 'node', (e) => {
      const n = e.target as cytoscape.NodeSingular;
      this.boxDrag = isBox(n) ? { box: n, members: this.membersOf(cy, n.id()), last: { ...n.position() } } : undefined;
    });
    cy.on('drag', 'node', (e) => {
      const drag = this.boxDrag;
      if (drag && drag.box.same(e.target)) {
        const p = drag.box.position();
        drag.members.shift({ x: p.x - drag.last.x, y: p.y - drag.last.y });
        drag.last = { ...p };
      }
      this.syncBoxes(cy);
    });
    cy.on('dragfree', 'node', () => {
      this.boxDrag = undefined;
      this.captureLayoutPositions();
      this.persist();
    });
    cy.on('viewport', () => {
      this.state.zoom = cy.zoom();
      this.state.pan = { ...cy.pan() };
      this.persist();
    });
  }

  private toggleCollapsed(groupId: string): void {
    const set = new Set(this.state.collapsed);
    if (set.has(groupId)) set.delete(groupId);
    else set.add(groupId);
    this.state.collapsed = [...set];
    this.captureLayoutPositions();
    this.refresh();
    this.select(groupId, false);
  }

  private panelActions(): PanelActions {
    const absolute = (file: string) => (file.startsWith('/') || !this.graph ? file : `${this.graph.root.replace(/\/$/, '')}/${file}`);
    return {
      open: (link: SourceLink) => {
        if (this.host.inEditor) this.host.post({ type: 'open', file: absolute(link.file), line: link.line });
        else window.open(`file://${encodeURI(absolute(link.file))}`, '_blank', 'noopener');
      },
      linkHref: (link: SourceLink) => `file://${encodeURI(absolute(link.file))}#L${link.line}`,
      select: (id) => this.select(id),
      focus: (id) => {
        this.state.focus = id;
        this.captureLayoutPositions();
        this.refresh();
        this.select(id, false);
      },
    };
  }

  private select(id: string, center = true): void {
    const graph = this.graph;
    const cy = this.cy;
    if (!cy) {
      // No canvas yet (the first layout is still running, or no graph has come): selected once it is drawn.
      if (graph) this.state.selected = id;
      else this.pendingSelection = id;
      return;
    }
    if (!graph) return;
    this.state.selected = id;
    cy.elements().unselect();
    const el = cy.getElementById(id);
    el.select();
    // The selected node's calls show their direction (big graphs draw other edges without arrowheads).
    cy.edges('.of-selected').removeClass('of-selected');
    if (el.nonempty() && el.isNode()) (el as cytoscape.NodeSingular).connectedEdges().addClass('of-selected');
    if (center && el.nonempty() && el.isNode()) cy.animate({ center: { eles: el } }, { duration: 150 });
    const node = graph.nodes.find((n) => n.id === id);
    const edge = node ? undefined : graph.edges.find((e) => e.id === id);
    const group = node || edge ? undefined : graph.groups.find((g) => g.id === id);
    const actions = this.panelActions();
    if (node) renderNode(this.panel, node, graph, actions);
    else if (edge) renderEdge(this.panel, edge, graph, actions);
    else if (group) renderGroup(this.panel, group, graph, this.state.collapsed.includes(group.id), () => this.toggleCollapsed(group.id));
    else return this.closePanel();
    this.panel.hidden = false;
    this.status.textContent = `Selected ${node?.label ?? group?.label ?? id}`;
    this.persist();
  }

  private closePanel(): void {
    this.panel.hidden = true;
    this.state.selected = undefined;
    this.cy?.elements().unselect();
    this.cy?.edges('.of-selected').removeClass('of-selected');
    this.persist();
  }

  private onKey(e: KeyboardEvent): void {
    const cy = this.cy;
    if (!cy) return;
    const points = cy
      .nodes()
      .filter((n) => !isBox(n) && n.visible())
      .map((n) => ({ id: n.id(), x: (n as cytoscape.NodeSingular).position('x'), y: (n as cytoscape.NodeSingular).position('y') }));
    const current = points.find((p) => p.id === this.state.selected);
    if (e.key === 'Tab') {
      const order = readingOrder(points);
      const at = current ? order.findIndex((p) => p.id === current.id) : -1;
      const next = at + (e.shiftKey ? -1 : 1);
      // Past either end, Tab leaves the canvas as it would anywhere else.
      if (next < 0 || next >= order.length) return;
      e.preventDefault();
      this.select(order[next].id);
    } else if (e.key.startsWith('Arrow')) {
      e.preventDefault();
      const target = current ? nearestInDirection(current, points, e.key as Direction) : readingOrder(points)[0];
      if (target) this.select(target.id);
    } else if (e.key === 'Enter' && this.state.selected) {
      e.preventDefault();
      this.select(this.state.selected);
      (this.panel.querySelector('a, vscode-button') as HTMLElement | null)?.focus();
    } else if (e.key === 'Escape') {
      if (this.state.focus) {
        this.state.focus = undefined;
        this.refresh();
      } else this.closePanel();
    } else if (e.key === '+' || e.key === '=') cy.zoom({ level: cy.zoom() * 1.2, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    else if (e.key === '-') cy.zoom({ level: cy.zoom() / 1.2, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    else if (e.key === 'f' && this.state.selected) this.panelActions().focus(this.state.selected);
  }

  private exportAs(format: ExportFormat): void {
    const cy = this.cy;
    const graph = this.graph;
    if (!cy || !graph) return;
    if (format === 'json') return this.host.saveExport('json', JSON.stringify(graph, null, 2) + '\n', 'trust-graph.json');
    if (format === 'png') {
      const data = cy.png({ output: 'base64uri', full: true, scale: 2, maxWidth: 8000, maxHeight: 8000, bg: readTheme().background });
      return this.host.saveExport('png', data, 'trust-graph.png');
    }
    this.host.saveExport('svg', this.currentSvg(), 'trust-graph.svg');
  }

  /** SVG of what is on the canvas now: current positions, filters and collapsed boxes. */
  currentSvg(): string {
    const cy = this.cy!;
    const edgesById = new Map(this.graph!.edges.map((e) => [e.id, e]));
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

  /** Draws the canvas again now, through cytoscape's textures (for tests). */
  redraw(): void {
    this.cy?.forceRender();
  }

  /** What the canvas shows, with on-screen positions (page coordinates), for automation and tests. */
  snapshot(): CanvasSnapshot {
    const cy = this.cy;
    if (!cy) return { nodes: [], edges: [], zoom: 1, pan: { x: 0, y: 0 } };
    const origin = this.canvas.getBoundingClientRect();
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

  private persist(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.host.setState(this.state), 200);
  }
}

export interface CanvasSnapshot {
  nodes: { id: string; classes: string[]; position: cytoscape.Position; onPage: cytoscape.Position }[];
  /** `arrowhead`: the edge is drawn with an arrowhead at its target. */
  edges: { id: string; source: string; target: string; classes: string[]; onPage: cytoscape.Position; arrowhead: boolean }[];
  zoom: number;
  pan: cytoscape.Position;
}

const view = new TrustGraphView();
// Automation handle for the browser tests and the benchmark; it exposes nothing the page does not show.
(window as unknown as { ztnTrustGraph: unknown }).ztnTrustGraph = { snapshot: () => view.snapshot(), svg: () => view.currentSvg(), redraw: () => view.redraw() };
void view.start();
