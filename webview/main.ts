// Trust graph webview entry: composes the canvas, toolbar, detail pane, keyboard, exports and host messages.
// First import: starts the layout worker and the font before everything else is set up.
import { codiconFont, layoutWorker } from './earlyStart';
import type { TrustGraph } from '../src/graph/types';
import { canvasSnapshot, exposeAutomation, type CanvasSnapshot } from './automation';
import {
  canvasLayoutInput,
  createCanvas,
  moveNodes,
  navigablePoints,
  placeBesideNeighbours,
  placedNodes,
  placedPositions,
  placeOnGrid,
  restyle,
  zoomStep,
  type GraphCanvas,
} from './canvas';
import { canvasSvg, exportView } from './canvasExport';
import { applyCanvasSync, elementsOnCanvas, planCanvasSync } from './canvasSync';
import { buildToolbar, legend } from './controls';
import { h } from './dom';
import { drawFirstFrame, fitCanvas, firstRenderMarked, markLayoutDone, markLayoutRunning, markPhase } from './firstFrame';
import { connectHost, readEmbedded } from './hostBridge';
import { keyCommand } from './keyboard';
import { layoutInput, LayoutRunner } from './layout';
import { FIT_PADDING } from './placement';
import type { HostMessage, ViewState } from './protocol';
import { clearSelectedMarks, DetailPane, findSelection, markSelected, panelActions, selectionStatus } from './selection';
import { watchTheme } from './theme';
import { defaultViewState, viewModel } from './view';
import { collapseAllNamespaces, debouncedSaver, hasSavedPositions, restoreViewState, toggleCollapsed } from './viewState';

class TrustGraphView {
  private graph: TrustGraph | undefined;
  private state: ViewState = defaultViewState();
  private canvas: GraphCanvas | undefined;
  private readonly host = connectHost();
  private readonly layouts = new LayoutRunner(layoutWorker);
  private readonly app = document.getElementById('app')!;
  private readonly graphArea = h('div', { class: 'graph-area' });
  private readonly container = h('div', {
    id: 'graph',
    tabindex: '0',
    role: 'application',
    'aria-label': 'Trust graph. Tab moves between workloads, arrow keys move to the nearest one, Enter opens details.',
  });
  private readonly details = new DetailPane();
  private readonly status = h('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
  private toolbar: HTMLElement | undefined;
  private readonly persist = debouncedSaver(
    () => this.state,
    (state) => this.host.setState(state),
  );
  /** A selection asked for before any graph came (the host's "show in graph" on a panel still starting). */
  private pendingSelection: string | undefined;

  async start(): Promise<void> {
    await codiconFont;
    this.graphArea.append(this.container, legend(), this.status);
    this.app.append(this.graphArea, this.details.element);
    this.host.onMessage((m) => this.onMessage(m));
    this.container.addEventListener('keydown', (e) => this.onKey(e));
    watchTheme(() => this.canvas && restyle(this.canvas));
    const embedded = readEmbedded<TrustGraph>('ztn-graph');
    markPhase('ztn:graph-parsed');
    if (embedded) this.show(embedded, this.host.getState() ?? readEmbedded<ViewState>('ztn-state'));
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
    this.state = restoreViewState(saved, this.pendingSelection);
    this.pendingSelection = undefined;
    this.canvas?.cy.destroy();
    this.canvas = undefined;
    if (hasSavedPositions(this.state)) {
      this.showToolbar(graph);
      const { cy } = this.createCanvas(graph);
      this.refresh({ layout: false });
      if (this.state.zoom !== undefined && this.state.pan) cy.viewport({ zoom: this.state.zoom, pan: this.state.pan });
      else cy.fit(undefined, FIT_PADDING);
      if (this.state.selected) this.select(this.state.selected);
      return;
    }
    // No saved positions: lay out first, then build the canvas once with every element in place (a placeholder
    // moved afterwards would cost a second full style, bounds and edge pass on a big graph).
    markLayoutRunning();
    this.status.textContent = 'Laying out the trust graph…';
    void this.layouts.runLatest(layoutInput(viewModel(graph, this.state), this.state.layout)).then((answer) => {
      if (!answer || this.graph !== graph) return;
      markPhase('ztn:layout-answered');
      this.state.positions = { ...answer.positions };
      const canvas = this.createCanvas(graph);
      this.refresh({ layout: false });
      if (answer.error) this.status.textContent = `Layout failed: ${answer.error}`;
      drawFirstFrame(canvas);
      if (this.state.selected) this.select(this.state.selected);
      markPhase('ztn:canvas-built');
      requestAnimationFrame(() => {
        if (!firstRenderMarked()) markPhase('ztn:first-render');
        markLayoutDone(answer.ms, this.layouts.offThread);
      });
    });
    // Built while the worker lays out.
    this.showToolbar(graph);
  }

  private showToolbar(graph: TrustGraph): void {
    this.toolbar?.remove();
    this.toolbar = buildToolbar(graph, this.state, {
      filtersChanged: (filters) => {
        this.state.filters = { ...this.state.filters, ...filters };
        this.refresh();
      },
      layoutChanged: (layout) => {
        if (layout === this.state.layout) return;
        this.state.layout = layout;
        this.state.positions = {};
        this.refresh({ layout: true });
      },
      fit: () => this.canvas?.cy.fit(undefined, FIT_PADDING),
      clearFocus: () => this.clearFocus(),
      collapseAll: (collapse) => {
        this.state.collapsed = collapseAllNamespaces(graph, collapse);
        this.refresh();
      },
      exportAs: (format) => {
        if (this.canvas && this.graph) exportView(format, this.canvas.cy, this.graph, this.state, this.host);
      },
    });
    this.app.prepend(this.toolbar);
  }

  private createCanvas(graph: TrustGraph): GraphCanvas {
    this.canvas = createCanvas(this.container, graph, {
      tapped: (id) => this.select(id),
      tappedBackground: () => this.closeDetails(),
      doubleTappedBox: (id) => this.toggleBox(id),
      dropped: () => {
        this.keepPositions();
        this.persist();
      },
      viewportChanged: (zoom, pan) => {
        this.state.zoom = zoom;
        this.state.pan = pan;
        this.persist();
      },
    });
    return this.canvas;
  }

  /** Live edit: keep every known node where it is; only new nodes get a place, next to their neighbours. */
  private update(graph: TrustGraph): void {
    if (!this.canvas || !this.graph) return this.show(graph, this.state);
    this.keepPositions();
    this.graph = graph;
    this.refresh({ layout: false });
    if (this.state.selected) this.select(this.state.selected, false);
  }

  /** Syncs the canvas with the view model: removes, adds and restyles elements without moving existing ones. */
  private refresh(options: { layout?: boolean } = {}): void {
    const canvas = this.canvas;
    const graph = this.graph;
    if (!canvas || !graph) return;
    const cy = canvas.cy;
    const model = viewModel(graph, this.state);
    const plan = planCanvasSync(model, elementsOnCanvas(cy), this.state.positions);
    applyCanvasSync(cy, plan);
    const added = plan.unplaced;
    const placed = placedNodes(cy);
    if (options.layout || (added.length > 0 && added.length === placed.length)) {
      placeOnGrid(placed, this.state.positions);
      if (!firstRenderMarked()) {
        cy.fit(undefined, FIT_PADDING);
        requestAnimationFrame(() => markPhase('ztn:first-render'));
      }
      void this.runLayout();
    } else if (added.length > 0) {
      for (const [id, p] of Object.entries(placeBesideNeighbours(cy, added))) this.state.positions[id] = { ...p };
    }
    canvas.boxes.sync();
    const matches = model.matches.length && this.state.filters.search ? ` · ${model.matches.length} match` : '';
    this.status.textContent = `${placed.length} nodes, ${cy.edges().length} edges shown${matches}`;
    this.persist();
  }

  private async runLayout(): Promise<void> {
    const canvas = this.canvas!;
    const cy = canvas.cy;
    markLayoutRunning();
    const answer = await this.layouts.runLatest(canvasLayoutInput(cy, this.state.layout));
    if (!answer || this.canvas !== canvas) return;
    if (answer.error) this.status.textContent = `Layout failed: ${answer.error}`;
    moveNodes(cy, answer.positions);
    this.state.positions = { ...this.state.positions, ...answer.positions };
    canvas.boxes.sync();
    fitCanvas(canvas);
    requestAnimationFrame(() => markLayoutDone(answer.ms, this.layouts.offThread));
    this.persist();
  }

  /** Remembers where every node is now, so a refresh or a reload puts it back there. */
  private keepPositions(): void {
    if (this.canvas) Object.assign(this.state.positions, placedPositions(this.canvas.cy));
  }

  private toggleBox(groupId: string): void {
    this.state.collapsed = toggleCollapsed(this.state.collapsed, groupId);
    this.keepPositions();
    this.refresh();
    this.select(groupId, false);
  }

  private focusNeighbourhood(id: string): void {
    this.state.focus = id;
    this.keepPositions();
    this.refresh();
    this.select(id, false);
  }

  private clearFocus(): void {
    this.state.focus = undefined;
    this.refresh();
  }

  private select(id: string, center = true): void {
    const graph = this.graph;
    const canvas = this.canvas;
    if (!canvas) {
      // No canvas yet (the first layout is still running, or no graph has come): selected once it is drawn.
      if (graph) this.state.selected = id;
      else this.pendingSelection = id;
      return;
    }
    if (!graph) return;
    this.state.selected = id;
    markSelected(canvas.cy, id, center);
    const selection = findSelection(graph, id);
    if (!selection) return this.closeDetails();
    const actions = panelActions(
      () => this.graph,
      this.host,
      (other) => this.select(other),
      (other) => this.focusNeighbourhood(other),
    );
    this.details.show(selection, graph, actions, { collapsed: this.state.collapsed.includes(id), toggle: () => this.toggleBox(id) });
    this.status.textContent = selectionStatus(selection, id);
    this.persist();
  }

  private closeDetails(): void {
    this.details.hide();
    this.state.selected = undefined;
    if (this.canvas) clearSelectedMarks(this.canvas.cy);
    this.persist();
  }

  private onKey(e: KeyboardEvent): void {
    const cy = this.canvas?.cy;
    if (!cy) return;
    const { command, preventDefault } = keyCommand(e, navigablePoints(cy), this.state);
    if (preventDefault) e.preventDefault();
    if (command?.kind === 'select') this.select(command.id);
    else if (command?.kind === 'open-details' && this.state.selected) {
      this.select(this.state.selected);
      this.details.focusFirstControl();
    } else if (command?.kind === 'clear-focus') this.clearFocus();
    else if (command?.kind === 'close-details') this.closeDetails();
    else if (command?.kind === 'zoom') zoomStep(cy, command.zoomIn);
    else if (command?.kind === 'focus-neighbourhood') this.focusNeighbourhood(command.id);
  }

  snapshot(): CanvasSnapshot {
    return canvasSnapshot(this.canvas?.cy, this.container);
  }

  svg(): string {
    return canvasSvg(this.canvas!.cy, this.graph!);
  }

  redraw(): void {
    this.canvas?.cy.forceRender();
  }
}

const view = new TrustGraphView();
exposeAutomation({ snapshot: () => view.snapshot(), svg: () => view.svg(), redraw: () => view.redraw() });
void view.start();
