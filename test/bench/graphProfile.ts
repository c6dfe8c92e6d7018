// CPU profile of the trust graph page in headless Chromium: where the time to layout done goes, by function and phase.
// Run: node --import tsx test/bench/graphProfile.ts [workloads] [layered|force] [out.cpuprofile]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../browser/chromium';
import { RESULTS_DIR, ROOT } from '../browser/graphPage';
import type { ViewState } from '../../webview/protocol';
import { buildPageAssets, openUntilLaidOut, writeBenchPage } from './graphPageRun';
import { syntheticGraph } from './syntheticGraph';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Self and total time per function name, from the profile's samples. */
function summarize(profile: CpuProfile): { self: [string, number][]; total: [string, number][] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const name = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = byId.get(profile.samples[i])!;
    self.set(name(leaf), (self.get(name(leaf)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const k = name(byId.get(id)!);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  }
  const sort = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 60);
  return { self: sort(self), total: sort(total) };
}

async function run(): Promise<void> {
  const workloads = Number(process.argv[2] ?? 2000);
  const layout = (process.argv[3] ?? 'layered') as ViewState['layout'];
  const out = process.argv[4] ?? join(RESULTS_DIR, `profile-${workloads}-${layout}.cpuprofile`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `profile-${workloads}-${layout}.html`);
  // Function names kept, so the profile names cytoscape's functions.
  writeBenchPage(file, syntheticGraph(workloads, 6000), layout, await buildPageAssets(ROOT, true));
  const chromium = await launchChromium();
  try {
    const { page, cdp } = await openUntilLaidOut(chromium, file, async (session) => {
      await session.send('Profiler.enable');
      await session.send('Profiler.setSamplingInterval', { interval: 200 });
      await session.send('Profiler.start');
    });
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    writeFileSync(out, JSON.stringify(profile));
    const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => `${m.name} ${Math.round(m.startTime)}`));
    const measures = await page.evaluate(() => performance.getEntriesByType('measure').map((m) => `${m.name} ${Math.round(m.duration)}`));
    console.log(marks.join('\n'));
    console.log(measures.join('\n'));
    const { self, total } = summarize(profile);
    console.log('\n-- self ms --');
    for (const [k, v] of self.slice(0, 40)) console.log(`${v.toFixed(0).padStart(6)}  ${k}`);
    console.log('\n-- total ms --');
    for (const [k, v] of total.slice(0, 60)) console.log(`${v.toFixed(0).padStart(6)}  ${k}`);
  } finally {
    await chromium.close();
  }
}

void run();
