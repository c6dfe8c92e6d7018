// The "Zero Trust" output channel: every engine command logs here, and failures surface as notifications with "Show log".
import * as vscode from 'vscode';

export class EngineLog implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;

  constructor() {
    this.channel = vscode.window.createOutputChannel('Zero Trust', { log: true });
  }

  info(message: string): void {
    this.channel.info(message);
  }

  /** Lines from an engine (external commands, sandbox processes) keep their own wording. */
  engine(line: string): void {
    this.channel.info(line.replace(/\s+$/, ''));
  }

  show(): void {
    this.channel.show(true);
  }

  /** Logs the failure with its stack and tells the user in one line, never silently. */
  async fail(what: string, err: unknown): Promise<void> {
    const message = err instanceof Error ? err.message : String(err);
    this.channel.error(`${what}: ${message}${err instanceof Error && err.stack ? `\n${err.stack}` : ''}`);
    const choice = await vscode.window.showErrorMessage(`Zero Trust: ${what}: ${message}`, 'Show log');
    if (choice === 'Show log') this.show();
  }

  dispose(): void {
    this.channel.dispose();
  }
}
