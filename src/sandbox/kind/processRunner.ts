// The real command runner: child processes with a timeout; a timeout ends the whole process group.
import { spawn } from 'node:child_process';
import { CommandNotFoundError, CommandTimeoutError, type CommandRunner, type RunOptions, type RunResult } from './commandRunner';

export const DEFAULT_COMMAND_TIMEOUT_MS = 5 * 60_000;
/** Time a timed-out command gets between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 5_000;

export class ProcessRunner implements CommandRunner {
  constructor(private readonly defaultTimeoutMs = DEFAULT_COMMAND_TIMEOUT_MS) {}

  run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, {
        env: { ...process.env, ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
        // Own process group, so a timeout also ends what the command started (kind runs docker, istioctl runs helm renders).
        detached: process.platform !== 'win32',
      });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      let timedOut = false;
      const kill = (signal: NodeJS.Signals) => {
        try {
          if (child.pid && process.platform !== 'win32') process.kill(-child.pid, signal);
          else child.kill(signal);
        } catch {
          // already gone
        }
      };
      const timer = setTimeout(() => {
        timedOut = true;
        kill('SIGTERM');
        setTimeout(() => kill('SIGKILL'), KILL_GRACE_MS).unref();
      }, timeoutMs);
      child.stdout.on('data', (d: Buffer) => stdout.push(d));
      child.stderr.on('data', (d: Buffer) => stderr.push(d));
      child.stdin.on('error', () => {}); // a command that exits without reading its input is not an error of ours
      child.on('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(err.code === 'ENOENT' ? new CommandNotFoundError(command) : err);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (timedOut) {
          reject(new CommandTimeoutError(command, args, timeoutMs));
          return;
        }
        resolve({ code: code ?? 128, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
      });
      child.stdin.end(options.input ?? '');
    });
  }
}
