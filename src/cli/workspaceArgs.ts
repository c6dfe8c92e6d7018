// Shared by commands: positional paths plus --config into a loaded workspace index.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolveConfig } from '../config/load';
import { loadWorkspace, type WorkspaceIndex } from '../model/workspace';
import { UsageError, type Io } from './usage';

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

/** Loads the workspace for `paths` (default: the config's folder or the current folder). */
export function openWorkspace(paths: string[], configFlag: string | undefined, io: Io): WorkspaceIndex {
  const absolute = paths.map((p) => resolve(io.cwd, p));
  for (const p of absolute) if (!existsSync(p)) throw new UsageError(`no such file or folder: ${p}`);
  const config = resolveConfig(absolute[0] ?? io.cwd, configFlag ? resolve(io.cwd, configFlag) : undefined);
  const roots = absolute.length > 0 ? absolute : [config.file ? config.root : io.cwd];
  return loadWorkspace(roots, config);
}
