// Host side (Node): reads the built webview bundle and standalone styles from dist/ for renderGraphPage.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PageAssets } from './page';

export const ASSET_FILES = { script: 'webview/trustGraph.js', style: 'webview/trustGraph.standalone.css' } as const;

/** The dist/ folder next to the package.json above `from` (the bundled CLI lives in dist/, sources one level down). */
export function findDistFolder(from: string = __dirname): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'dist', ASSET_FILES.script))) return join(dir, 'dist');
    if (dirname(dir) === dir) return undefined;
  }
}

export class MissingAssetsError extends Error {}

export function loadPageAssets(distFolder = findDistFolder()): PageAssets {
  if (!distFolder) throw new MissingAssetsError(`the trust graph page is not built (no dist/${ASSET_FILES.script}); run \`npm run build\``);
  const read = (name: string) => {
    const path = join(distFolder, name);
    if (!existsSync(path)) throw new MissingAssetsError(`missing ${path}; run \`npm run build\``);
    return readFileSync(path, 'utf8');
  };
  return { script: read(ASSET_FILES.script), style: read(ASSET_FILES.style) };
}
