// How the kind engine runs docker, kind, kubectl and istioctl: one interface, so tests script the outputs and dry runs record a plan.

export interface RunOptions {
  /** Written to the command's standard input (remote secrets are piped this way, never through a file). */
  input?: string;
  /** How logs and plans name the input instead of showing it (it may hold keys or tokens). */
  inputLabel?: string;
  timeoutMs?: number;
  env?: Record<string, string>;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CommandRunner {
  /** Resolves with the exit code, whatever it is; rejects only when the command cannot run or times out. */
  run(command: string, args: string[], options?: RunOptions): Promise<RunResult>;
}

/** The program is not on PATH. */
export class CommandNotFoundError extends Error {
  constructor(readonly command: string) {
    super(command.includes('/') || command.includes('\\') ? `'${command}' does not exist` : `'${command}' was not found on PATH`);
  }
}

export class CommandTimeoutError extends Error {
  constructor(
    readonly command: string,
    readonly args: string[],
    readonly timeoutMs: number,
  ) {
    super(`timed out after ${Math.round(timeoutMs / 1000)}s: ${formatCommand(command, args)}`);
  }
}

export class CommandFailedError extends Error {
  constructor(
    readonly command: string,
    readonly args: string[],
    readonly result: RunResult,
  ) {
    super(`${formatCommand(command, args)} exited with ${result.code}${lastLine(result.stderr || result.stdout)}`);
  }
}

function lastLine(text: string): string {
  const line = text.trim().split('\n').pop()?.trim();
  return line ? `: ${line}` : '';
}

const SAFE_ARG = /^[A-Za-z0-9_@%+=:,./{}-]+$/;

/** A command line as a user would type it in a POSIX shell; used for the log and the dry-run plan. */
export function formatCommand(command: string, args: string[]): string {
  return [command, ...args].map((a) => (a !== '' && SAFE_ARG.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** Runs a command that must succeed; a non-zero exit becomes a CommandFailedError. */
export async function runChecked(runner: CommandRunner, command: string, args: string[], options?: RunOptions): Promise<RunResult> {
  const result = await runner.run(command, args, options);
  if (result.code !== 0) throw new CommandFailedError(command, args, result);
  return result;
}

/**
 * Writes one line per command started and one per command ended to `log`: the command line, exit code and time,
 * never the input or output (remote secrets and CA keys pass through them).
 */
export function loggingRunner(inner: CommandRunner, log: (line: string) => void, clock: () => number = Date.now): CommandRunner {
  return {
    async run(command, args, options) {
      const started = clock();
      const seconds = () => ((clock() - started) / 1000).toFixed(1);
      log(`$ ${formatCommand(command, args)}${options?.input !== undefined ? `   < ${options.inputLabel ?? 'standard input'}` : ''}`);
      try {
        const result = await inner.run(command, args, options);
        log(`  = exit ${result.code} (${seconds()}s)`);
        return result;
      } catch (err) {
        log(`  ! ${(err as Error).message} (${seconds()}s)`);
        throw err;
      }
    },
  };
}
