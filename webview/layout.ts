// Page side of layouts: sends the elements to the worker and resolves with positions.
import type { LayoutAnswer, LayoutRequest } from './layoutCore';

export type LayoutInput = Omit<LayoutRequest, 'id'>;

/** Lays out in the page's layout worker (earlyStart.ts); in-page when workers are unavailable. */
export class LayoutRunner {
  private next = 1;
  private readonly pending = new Map<number, (a: LayoutAnswer) => void>();
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
