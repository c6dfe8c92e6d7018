// Makes sure VS Code asks for the policy CodeLens of every shown manifest, even when it dropped its own request.
//
// Why: VS Code's CodeLens controller asks a provider after a short debounce, and cancels that pending request when
// the editor loses text focus (open a file, then click the Problems panel or open the command palette). It asks
// again only on focus, on an edit, or when the provider announces a change. On a fresh profile there are no cached
// lenses to show meanwhile, so a file opened after the workspace was linted showed no lens until it was clicked.
// This watch notices a shown document whose lenses were not asked for and announces a change again, a few times.

/** Timer functions, injectable so tests step time instead of waiting. */
export interface LensTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const NODE_TIMERS: LensTimers = {
  set: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return handle;
  },
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * How long to wait for VS Code's request before announcing a change again, per attempt. The first is well above
 * VS Code's debounce (250 ms and up); after the last, VS Code still asks on its own once the editor gets focus.
 */
export const LENS_RETRY_DELAYS_MS: readonly number[] = [1000, 3000, 10_000];

export class LensRequestWatch {
  /** Pending retry timer per document still waiting for VS Code to ask. */
  private readonly waiting = new Map<string, unknown>();
  private shown = new Set<string>();

  constructor(
    /** Announces that the lenses changed (fires onDidChangeCodeLenses), which makes VS Code ask again. */
    private readonly announce: (waiting: string[]) => void,
    private readonly timers: LensTimers = NODE_TIMERS,
    private readonly delaysMs: readonly number[] = LENS_RETRY_DELAYS_MS,
  ) {}

  /** The documents now shown in editors (keys: document URIs). Newly shown ones should be asked for soon. */
  setShown(documents: Iterable<string>): void {
    const next = new Set(documents);
    for (const doc of this.shown) if (!next.has(doc)) this.forget(doc);
    for (const doc of next) if (!this.shown.has(doc)) this.expect(doc);
    this.shown = next;
  }

  /** A change was announced: VS Code should ask again for every shown document. */
  announced(): void {
    for (const doc of this.shown) this.expect(doc);
  }

  /** VS Code asked for the lenses of `document`. */
  asked(document: string): void {
    this.forget(document);
  }

  /** Documents still waiting for VS Code to ask (for tests and the log). */
  pending(): string[] {
    return [...this.waiting.keys()].sort();
  }

  dispose(): void {
    for (const doc of [...this.waiting.keys()]) this.forget(doc);
  }

  private expect(document: string, attempt = 0): void {
    this.forget(document);
    const delay = this.delaysMs[attempt];
    if (delay === undefined) return;
    const timer = this.timers.set(() => {
      this.waiting.delete(document);
      this.expect(document, attempt + 1);
      this.announce([document]);
    }, delay);
    this.waiting.set(document, timer);
  }

  private forget(document: string): void {
    if (!this.waiting.has(document)) return;
    this.timers.clear(this.waiting.get(document));
    this.waiting.delete(document);
  }
}
