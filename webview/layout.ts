// Page side of layouts: sends the elements to the worker and resolves with positions.
import type { LayoutAnswer, LayoutRequest } from './layoutCore';
import type { LayoutName } from './protocol';
import type { ViewModel } from './view';

export type LayoutInput = Omit<LayoutRequest, 'id'>;

/** What the layout needs of a view model: node sizes and boxes, and the edges. */
export function layoutInput(model: ViewModel, layout: LayoutName): LayoutInput {
  return {
    layout,
    nodes: model.nodes.map((n) => ({ id: n.data.id, parent: n.data.parent, w: n.data.w, h: n.data.h })),
    edges: model.edges.map((e) => ({ id: e.data.id, source: e.data.source, target: e.data.target })),
  };
}

/** Lays out in the page's layout worker (earlyStart.ts); in-page when workers are unavailable. */
export class LayoutRunner {
  private next = 1;
  private readonly pending = new Map<number, (a: LayoutAnswer) => void>();
  private latest = 0;
  /** True when layouts run off the UI thread. */
  readonly offThread: boolean;

  constructor(private readonly worker: Worker | undefined) {
    if (worker) {
      worker.onmessage = (e: MessageEvent<LayoutAnswer>) => {
        const resolve = this.pending.get(e.data.id);
        this.pending.delete(e.data.id);
        resolve?.(e.data);
      };
    }
    this.offThread = worker !== undefined;
  }

  /** A layout wanted only while no later one is asked for: resolves undefined when another `runLatest` came since. */
  async runLatest(input: LayoutInput): Promise<LayoutAnswer | undefined> {
    const ticket = ++this.latest;
    const answer = await this.run(input);
    return ticket === this.latest ? answer : undefined;
  }

  async run(input: LayoutInput): Promise<LayoutAnswer> {
    const request: LayoutRequest = { ...input, id: this.next++ };
    if (this.worker) {
      const worker = this.worker;
      return new Promise((resolve) => {
        this.pending.set(request.id, resolve);
        worker.postMessage(request);
      });
    }
    // Loaded on demand so pages with a worker never parse the layout code twice.
    const { computeLayout } = await import('./layoutCore');
    return computeLayout(request);
  }
}
