// The real command runner: child processes with a timeout (SIGTERM, then SIGKILL).
import { spawn } from 'node:child_process';
import { CommandNotFoundError, CommandTimeoutError, type CommandRunner, type RunOptions, type RunResult } from './commandRunner';

export const DEFAULT_COMMAND_TIMEOUT_MS = 5 * 60_000;
/** Time a timed-out command gets between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 5_000;

export class ProcessRunner implements CommandRunner {
  constructor(
    private readonly defaultTimeoutMs = DEFAULT_COMMAND_TIMEOUT_MS,
    private readonly killGraceMs = KILL_GRACE_MS,
  ) {}

  run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, {
        env: { ...process.env, ...options.env },
        // Same process group as ztn, so Ctrl-C in the terminal also stops the kind or istioctl it is running.
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGTERM');
        setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'), this.killGraceMs).unref();
      }, timeoutMs);
      child.stdout.on('data', (d: Buffer) => stdout.push(d));
      child.stderr.on('data', (d: Buffer) => stderr.push(d));
      child.stdin.on('error', () => {}); // a command that exits without reading its input is not an error of ours
      child.on('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(err.code === 'ENOENT' ? new CommandNotFoundError(command) : err);
      });
      // On a timeout, done when the command itself exits: something it started may still hold its output open.
      child.on('exit', () => {
        if (!timedOut) return;
        child.stdout.destroy();
        child.stderr.destroy();
        reject(new CommandTimeoutError(command, args, timeoutMs));
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (timedOut) return;
        resolve({ code: code ?? 128, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
      });
      child.stdin.end(options.input ?? '');
    });
  }
}
