// Where a separately started piece of the tool's code lives: its own bundle in dist/, or its TypeScript source.
import { dirname, join } from 'node:path';

export interface CodeFile {
  path: string;
  /** The TypeScript source (the caller runs under tsx: tests, benchmarks): load it through tsx too. */
  typescript: boolean;
}

/**
 * Worker threads, the sandbox supervisor and the kind engine are loaded from their own files. In the bundles every
 * module's `__filename` is the bundle in dist/, and the piece is its own bundle next to it (scripts/build.mjs);
 * under tsx it is the module's TypeScript file, and the piece is its source file. `caller`: the caller's
 * `__filename`; `source` relative to the caller's folder, `bundle` relative to dist/.
 */
export function codeFile(caller: string, source: string, bundle: string): CodeFile {
  const typescript = caller.endsWith('.ts');
  return { path: join(dirname(caller), typescript ? source : bundle), typescript };
}
