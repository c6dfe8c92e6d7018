// A Chromium trace of one trust graph page load: the page's main-thread tasks from navigation to layout done, by
// kind (HTML parsing, script, font, style, paint...), with wall and thread CPU time, and when the layout worker ran.
// Run: node --import tsx test/bench/graphTrace.ts [workloads] [layered|force] [tree]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ViewState } from '../../webview/protocol';
import { launchChromium } from '../browser/chromium';
import { RESULTS_DIR } from '../browser/graphPage';
import { buildPageAssets, openUntilLaidOut, writeBenchPage } from './graphPageRun';
import { syntheticGraph } from './syntheticGraph';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

async function run(): Promise<void> {
  const workloads = Number(process.argv[2] ?? 2000);
  const layout = (process.argv[3] ?? 'layered') as ViewState['layout'];
  const tree = process.argv[4];
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `trace-${workloads}.html`);
  writeBenchPage(file, syntheticGraph(workloads, 6000), layout, tree ? await buildPageAssets(tree) : undefined);
  const chromium = await launchChromium();
  const events: TraceEvent[] = [];
  try {
    const { cdp, page } = await openUntilLaidOut(chromium, file, async (session) => {
      session.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
      await session.send('Tracing.start', {
        categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8,blink,loading,__metadata',
        transferMode: 'ReportEvents',
      });
    });
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.end');
    await done;
    const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)])));
    console.log('marks', marks);
  } finally {
    await chromium.close();
  }
  writeFileSync(join(RESULTS_DIR, `trace-${workloads}.json`), JSON.stringify(events));
  const threadName = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, String(e.args?.name));
  const nav = events.find((e) => e.name === 'navigationStart' || e.name === 'NavigationTiming');
  const main = [...threadName].find(([k, n]) => n === 'CrRendererMain' && events.some((e) => `${e.pid}:${e.tid}` === k && e.name === 'ParseHTML'))?.[0];
  const t0 = nav?.ts ?? Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
  const tasks = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.name === 'RunTask' && (e.dur ?? 0) > 5000);
  console.log('main thread tasks over 5 ms (start ms, wall ms, cpu ms, what inside):');
  for (const t of tasks) {
    const inside = events.filter(
      (e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + (t.dur ?? 0) && e !== t && (e.dur ?? 0) > 3000,
    );
    const kinds = new Map<string, number>();
    for (const e of inside)
      if (!['RunTask', 'ThreadControllerImpl::RunTask'].includes(e.name)) kinds.set(e.name, Math.max(kinds.get(e.name) ?? 0, (e.dur ?? 0) / 1000));
    const top = [...kinds]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(', ');
    console.log(
      `${((t.ts - t0) / 1000).toFixed(0).padStart(6)} ${((t.dur ?? 0) / 1000).toFixed(0).padStart(6)} ${((t.tdur ?? 0) / 1000).toFixed(0).padStart(6)}  ${top}`,
    );
  }
  for (const [k, n] of threadName) {
    if (!/DedicatedWorker/.test(n)) continue;
    const ev = events.filter((e) => `${e.pid}:${e.tid}` === k && e.ph === 'X' && (e.dur ?? 0) > 5000);
    for (const e of ev.slice(0, 8)) console.log(`${n}: ${e.name} at ${((e.ts - t0) / 1000).toFixed(0)} for ${((e.dur ?? 0) / 1000).toFixed(0)} ms`);
  }
}

run().catch((e) => {
  console.error(e);
  process.exit(1);
});
