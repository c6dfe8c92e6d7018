// Failures that are the user's next step (a sandbox not running, not answering, or unable to start), not crashes:
// the CLI prints them as one line with exit 2 and the extension as a notification.
export class SandboxError extends Error {}
