// Opens a standalone trust graph page of the synthetic mesh in headless Chromium and waits for its first layout;
// shared by the graph benchmark, the A/B comparison and the profile script.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import type { CDPSession, Page } from 'playwright-core';
import type { TrustGraph } from '../../src/graph/types';
import { loadPageAssets } from '../../webview/assets';
import { renderGraphPage, type PageAssets } from '../../webview/page';
import type { ViewState } from '../../webview/protocol';
import { chromiumSettled, type HeadlessChromium } from '../browser/chromium';
import { ROOT } from '../browser/graphPage';

/**
 * The page bundle of a source tree (a folder holding webview/ and src/, e.g. an older commit's `git archive`), built
 * the way scripts/build.mjs builds it, with this checkout's dependencies. `names`: keep function names, for profiles.
 */
export async function buildPageAssets(tree: string, names = false): Promise<PageAssets> {
  const browser: BuildOptions & { write: false } = {
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    ...(names ? { minifyWhitespace: true, minifySyntax: true } : { minify: true }),
    write: false,
    logLevel: 'warning',
    nodePaths: [join(ROOT, 'node_modules')],
  };
  const worker = await build({ ...browser, entryPoints: [join(tree, 'webview/layoutWorker.ts')] });
  const page = await build({
    ...browser,
    entryPoints: [join(tree, 'webview/main.ts')],
    define: { ZTN_LAYOUT_WORKER_SOURCE: JSON.stringify(worker.outputFiles[0].text) },
  });
  return { script: page.outputFiles[0].text, style: loadPageAssets().style };
}

/** Writes the page for `graph` with no saved positions, so it lays out on open. */
export function writeBenchPage(file: string, graph: TrustGraph, layout: ViewState['layout'], assets: PageAssets = loadPageAssets()): void {
  const state: ViewState = { layout, filters: { clusters: [], namespaces: [], states: [], pillars: [], search: '' }, collapsed: [], positions: {} };
  writeFileSync(file, renderGraphPage({ assets, nonce: randomBytes(18).toString('base64'), graph, state }));
}

export interface LaidOut {
  page: Page;
  cdp: CDPSession;
  /** CPU time of the page's main thread and of the whole renderer process (worker, raster) until layout done. */
  mainThreadCpuMs: number;
  rendererCpuMs: number;
  /** How long Chromium took to finish its own start-up before the page was opened (0: not waited for). */
  settledMs: number;
}

/** Opens `file` and waits until the page marks its layout done. `beforeOpen` runs first (e.g. to start a profiler). */
export async function openUntilLaidOut(
  chromium: HeadlessChromium,
  file: string,
  beforeOpen?: (cdp: CDPSession) => Promise<void>,
  settle = true,
): Promise<LaidOut> {
  const page = await chromium.context.newPage();
  // CPU time counts what the page did, whatever else the shared machine runs; wall time does not.
  const cdp = await chromium.context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  // Timed from a browser that has finished its own start-up (chromium.ts), as a webview in a running editor is.
  const settledMs = settle ? await chromiumSettled() : 0;
  await beforeOpen?.(cdp);
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => document.body.dataset.layout === 'done', null, { timeout: 300_000 });
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => Math.round((metrics.find((m) => m.name === name)?.value ?? NaN) * 1000);
  return { page, cdp, mainThreadCpuMs: metric('ThreadTime'), rendererCpuMs: metric('ProcessTime'), settledMs };
}
