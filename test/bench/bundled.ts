// Runs a benchmark as the release build runs the code: bundled by esbuild, without tsx.
import { spawnSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { buildSync } from 'esbuild';

const TSX_LOADERS = new Set(['tsx', 'tsx/cjs', 'tsx/esm']);

/** This process's node flags without tsx's loader: a bundle needs none. */
export function withoutTsx(execArgv: string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const flag = execArgv[i];
    if (['--import', '--require', '-r', '--loader'].includes(flag) && TSX_LOADERS.has(execArgv[i + 1])) {
      i++;
      continue;
    }
    const joined = /^--(?:import|require|loader)=(.*)$/.exec(flag);
    if (!joined || !TSX_LOADERS.has(joined[1])) kept.push(flag);
  }
  return kept;
}

/**
 * Under tsx, bundles `file` into dist/bench/ (esbuild, as scripts/build.mjs bundles the supervisor) and runs the
 * bundle with this process's arguments and `extraFlags`; returns its exit status. Undefined when `file` is the
 * bundle already. The benchmark then measures the code users run (`ztn sandbox up` starts the bundled supervisor),
 * not tsx's transform of it, which for one wraps every named closure in esbuild's __name helper (an
 * Object.defineProperty per closure created). On this project's sandbox that difference is small: lone replays of
 * 10,000 calls ran at 755 and 694 calls/s under tsx against 768 and 687 bundled (docs/benchmarks.md).
 */
export function rerunBundled(file: string, extraFlags: string[]): number | undefined {
  if (!file.endsWith('.ts')) return undefined;
  const outfile = join(__dirname, '..', '..', 'dist', 'bench', basename(file).replace(/\.ts$/, '.js'));
  // esbuild stays outside: this module is in the bundle, and it only bundles under tsx.
  buildSync({ entryPoints: [file], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['esbuild'], logLevel: 'warning' });
  const run = spawnSync(process.execPath, [...withoutTsx(process.execArgv), ...extraFlags, outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
  return run.status ?? 1;
}
