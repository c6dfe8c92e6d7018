// Failures that are the user's next step (a sandbox not running, not answering, or unable to start), not crashes:
// the CLI prints them with exit 2 and the extension as a notification.

const BRAND = Symbol.for('zero-trust-lens.sandbox-error');

export class SandboxError extends Error {
  readonly [BRAND] = true;

  /**
   * Each engine is a bundle of its own with its own copy of this class (simulator/registry.ts), so the CLI's
   * `err instanceof SandboxError` checks a brand instead of the prototype chain; subclasses keep the usual check.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== SandboxError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  }
}
