// A clock for timer-driven adapter code: tests step it by hand instead of waiting.
import type { LensTimers } from '../../../src/extension/lensRequests';

/** A clock the test steps by hand; timers fire in due order. */
export class SteppedClock implements LensTimers {
  now = 0;
  private next = 1;
  private readonly due = new Map<number, { at: number; fn: () => void }>();

  set(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.due.set(id, { at: this.now + ms, fn });
    return id;
  }

  clear(handle: unknown): void {
    this.due.delete(handle as number);
  }

  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const [id, first] = [...this.due].sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0] ?? [];
      if (id === undefined || !first || first.at > until) break;
      this.due.delete(id);
      this.now = first.at;
      first.fn();
    }
    this.now = until;
  }

  get scheduled(): number {
    return this.due.size;
  }
}
