// Shared by commands: positional paths plus --config into a loaded workspace index.
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolveConfig } from '../config/load';
import { loadWorkspace, type WorkspaceIndex } from '../model/workspace';
import { UsageError, type Io } from './usage';
import { displayText } from '../model/displayText';

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs with our error style: unknown flags become a UsageError naming the flag. */
export function parseCommandArgs<T extends Options>(args: string[], options: T, allowPositionals = true) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/\. To specify a positional.*$/s, ''));
  }
}

export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')} (got '${value}')`);
  return value as T;
}

/**
 * One warning line per file the workspace could not fully parse (its first error) or did not read
 * (skipped: a FIFO, a device link, over maxFileBytes...), for commands that do not print findings:
 * a prediction or a graph made without some documents must say which.
 */
export function warnAboutUnreadFiles(index: WorkspaceIndex, io: Io): void {
  let count = 0;
  for (const file of index.files.values()) {
    const problem = file.problems.find((p) => p.code === 'parse') ?? file.problems.find((p) => p.code === 'skipped');
    if (!problem) continue;
    count++;
    const where = `${relative(io.cwd, file.path) || file.path}:${problem.range.start.line + 1}`;
    const what = problem.code === 'parse' ? `not fully parsed, broken documents ignored: ${problem.message}` : problem.message;
    io.err(`warning: ${displayText(`${where}: ${what}`)}\n`);
  }
  if (count > 0) io.err(`warning: ${count} file(s) could not be fully read (run ztn lint for details)\n`);
}

/** Loads the workspace for `paths` (default: the config's folder or the current folder). */
export function openWorkspace(paths: string[], configFlag: string | undefined, io: Io): WorkspaceIndex {
  const absolute = paths.map((p) => resolve(io.cwd, p));
  for (const p of absolute) if (!existsSync(p)) throw new UsageError(`no such file or folder: ${p}`);
  const config = resolveConfig(absolute[0] ?? io.cwd, configFlag ? resolve(io.cwd, configFlag) : undefined);
  const roots = absolute.length > 0 ? absolute : [config.file ? config.root : io.cwd];
  return loadWorkspace(roots, config);
}
