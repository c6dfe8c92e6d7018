// The plan of a kind sandbox run: commands, generated files and Kubernetes applies, in order, grouped by step.
import type { RunOptions } from './commandRunner';
import { formatCommand } from './commandRunner';

export type PlanEntry =
  | { type: 'command'; step: string; line: string; input?: string }
  | { type: 'file'; step: string; path: string; content: string; secret: boolean }
  | { type: 'apply'; step: string; cluster: string; objects: string[] }
  | { type: 'note'; step: string; text: string };

export class Plan {
  readonly entries: PlanEntry[] = [];
  private step = 'start';

  enterStep(step: string): void {
    this.step = step;
  }

  command(command: string, args: string[], options?: RunOptions): void {
    const input = options?.input === undefined ? undefined : (options.inputLabel ?? `${options.input.length} bytes`);
    this.entries.push({ type: 'command', step: this.step, line: formatCommand(command, args), input });
  }

  file(path: string, content: string, secret = false): void {
    this.entries.push({ type: 'file', step: this.step, path, content, secret });
  }

  apply(cluster: string, objects: string[]): void {
    this.entries.push({ type: 'apply', step: this.step, cluster, objects });
  }

  note(text: string): void {
    this.entries.push({ type: 'note', step: this.step, text });
  }

  /** Human-readable plan; deterministic for a given workspace and state folder (golden tests pin it). */
  render(header: string[] = []): string {
    const out: string[] = header.map((h) => `# ${h}`);
    let step: string | undefined;
    for (const e of this.entries) {
      if (e.step !== step) {
        step = e.step;
        out.push('', `== ${step} ==`);
      }
      switch (e.type) {
        case 'command':
          out.push(`$ ${e.line}${e.input ? `   < ${e.input}` : ''}`);
          break;
        case 'file':
          out.push(`file ${e.path}${e.secret ? ' (mode 0600)' : ''}`);
          out.push(
            ...e.content
              .replace(/\n$/, '')
              .split('\n')
              .map((l) => `  | ${l}`),
          );
          break;
        case 'apply':
          out.push(`apply to ${e.cluster} (server-side apply, field manager ztn, force):`);
          out.push(...e.objects.map((o) => `  - ${o}`));
          break;
        case 'note':
          out.push(`# ${e.text}`);
          break;
      }
    }
    return out.join('\n') + '\n';
  }
}
