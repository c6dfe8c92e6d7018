// Trust graph page in headless Chromium: time to first render and to finished layout for 500 and 2,000 workloads
// with 6,000 edges, layered and force layouts; then pan and zoom, checking that no layout runs again.
import { mkdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { TrustGraph } from '../../src/graph/types';
import type { ViewState } from '../../webview/protocol';
import { launchChromium } from '../browser/chromium';
import { RESULTS_DIR } from '../browser/graphPage';
import { openUntilLaidOut, writeBenchPage } from './graphPageRun';
import { syntheticGraph } from './syntheticGraph';

interface Figures {
  firstRenderMs: number;
  layoutDoneMs: number;
  /** CPU time of the page's main thread and of the whole renderer process until layout done (graphPageRun.ts). */
  mainThreadCpuMs: number;
  rendererCpuMs: number;
  /** Page time at: graph parsed, layout answered by the worker, canvas built (elements added, fitted), first render. */
  phasesMs: number[];
  workerLayoutMs: number;
  offThread: boolean;
  panZoomMs: number;
  /** Chromium's own start-up, waited for before the page opened (graphPageRun.ts). */
  settledMs: number;
  layoutsAfterPanZoom: number;
  moved: number;
}

async function measure(graph: TrustGraph, layout: ViewState['layout'], file: string, settle = true): Promise<Figures> {
  writeBenchPage(file, graph, layout);
  const chromium = await launchChromium();
  try {
    const { page, mainThreadCpuMs, rendererCpuMs, settledMs } = await openUntilLaidOut(chromium, file, undefined, settle);
    const marks = await page.evaluate(() => ({
      first: performance.getEntriesByName('ztn:first-render')[0]?.startTime ?? NaN,
      phases: ['ztn:graph-parsed', 'ztn:layout-answered', 'ztn:canvas-built', 'ztn:first-render'].map((m) =>
        Math.round(performance.getEntriesByName(m)[0]?.startTime ?? NaN),
      ),
      done: performance.getEntriesByName('ztn:layout-done')[0]?.startTime ?? NaN,
      worker: Number(document.body.dataset.layoutMs),
      offThread: document.body.dataset.layoutOffThread === 'true',
    }));
    type Snap = { nodes: { id: string; position: { x: number; y: number } }[] };
    const positions = () =>
      page.evaluate(() =>
        (window as unknown as { ztnTrustGraph: { snapshot(): Snap } }).ztnTrustGraph.snapshot().nodes.map((n) => `${n.id}@${n.position.x},${n.position.y}`),
      );
    const before = await positions();
    // Pan and zoom like a user: wheel zooms, and drags that start in the canvas corner, which the fit
    // padding keeps empty (a drag on a box would move the box, which is not a pan).
    const canvas = (await page.locator('#graph').boundingBox())!;
    const started = Date.now();
    await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    for (let i = 0; i < 4; i++) await page.mouse.wheel(0, i % 2 ? 240 : -240);
    for (let i = 0; i < 2; i++) {
      await page.mouse.move(canvas.x + 4, canvas.y + 4);
      await page.mouse.down();
      await page.mouse.move(canvas.x + 200, canvas.y + 150, { steps: 5 });
      await page.mouse.up();
    }
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const panZoomMs = Date.now() - started;
    const after = await positions();
    const beforeSet = new Set(before);
    return {
      firstRenderMs: Math.round(marks.first),
      layoutDoneMs: Math.round(marks.done),
      phasesMs: marks.phases,
      mainThreadCpuMs,
      rendererCpuMs,
      workerLayoutMs: marks.worker,
      offThread: marks.offThread,
      panZoomMs,
      settledMs,
      layoutsAfterPanZoom: (await page.evaluate(() => performance.getEntriesByName('ztn:layout-done').length)) - 1,
      moved: after.filter((p) => !beforeSet.has(p)).length,
    };
  } finally {
    await chromium.close();
  }
}

async function run(): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}`);
  console.log(`load average at start: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  console.log('workloads  edges  layout   first render  layout done  main thread CPU  renderer CPU  worker layout  off thread  pan+zoom  re-layouts  moved');
  const rows: Record<string, Figures> = {};
  for (const workloads of [500, 2000]) {
    const graph = syntheticGraph(workloads, 6000);
    for (const layout of ['layered', 'force'] as const) {
      const f = await measure(graph, layout, join(RESULTS_DIR, `bench-${workloads}-${layout}.html`));
      rows[`${workloads}-${layout}`] = f;
      console.log(
        `${String(workloads).padStart(9)}  ${String(graph.edges.length).padStart(5)}  ${layout.padEnd(7)}  ${`${f.firstRenderMs} ms`.padStart(12)}  ${`${f.layoutDoneMs} ms`.padStart(11)}  ${`${f.mainThreadCpuMs} ms`.padStart(15)}  ${`${f.rendererCpuMs} ms`.padStart(12)}  ${`${f.workerLayoutMs} ms`.padStart(13)}  ${String(f.offThread).padStart(10)}  ${`${f.panZoomMs} ms`.padStart(8)}  ${String(f.layoutsAfterPanZoom).padStart(10)}  ${String(f.moved).padStart(5)}`,
      );
    }
  }
  console.log('phases (ms since navigation): graph parsed / layout answered / canvas built / first frame drawn; Chromium start-up waited for');
  for (const [k, f] of Object.entries(rows)) console.log(`${k.padEnd(13)} ${f.phasesMs.join(' / ')}; ${f.settledMs} ms`);
  // The same page opened the moment Chromium has started, while it still loads WebUI pages of its own (chromium.ts):
  // what the figures above would be without waiting for that.
  const unsettled = await measure(syntheticGraph(2000, 6000), 'layered', join(RESULTS_DIR, 'bench-2000-layered-unsettled.html'), false);
  console.log(
    `2000 layered, opened right after Chromium's launch: layout done ${unsettled.layoutDoneMs} ms, main thread CPU ${unsettled.mainThreadCpuMs} ms, renderer CPU ${unsettled.rendererCpuMs} ms`,
  );
  console.log(`load average at end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  const ratio = (a: Figures, b: Figures) => (b.layoutDoneMs / a.layoutDoneMs).toFixed(2);
  console.log(
    `ratio layout done 2000/500: layered ${ratio(rows['500-layered'], rows['2000-layered'])}x, force ${ratio(rows['500-force'], rows['2000-force'])}x`,
  );
  const failures = Object.entries(rows).filter(([, f]) => f.layoutsAfterPanZoom !== 0 || f.moved !== 0);
  if (failures.length) {
    console.error(`pan/zoom recomputed the layout in: ${failures.map(([k]) => k).join(', ')}`);
    process.exitCode = 1;
  }
}

void run();
