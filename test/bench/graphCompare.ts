// A/B of two versions of the trust graph page on the same synthetic graph, runs interleaved, so a busy shared machine
// slows both alike: wall time and CPU time to layout done, medians and the ratio B/A.
// Run: node --import tsx test/bench/graphCompare.ts <tree A> <tree B> [workloads] [layered|force] [rounds]
// A tree is a folder holding webview/ and src/ (e.g. `git archive <commit> webview src | tar -x -C /tmp/a`).
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchChromium } from '../browser/chromium';
import { RESULTS_DIR } from '../browser/graphPage';
import type { ViewState } from '../../webview/protocol';
import { buildPageAssets, openUntilLaidOut, writeBenchPage } from './graphPageRun';
import { median } from './timing';
import { syntheticGraph } from './syntheticGraph';

interface Run {
  wallMs: number;
  mainThreadCpuMs: number;
  rendererCpuMs: number;
}

async function measure(file: string): Promise<Run> {
  const chromium = await launchChromium();
  try {
    const { page, mainThreadCpuMs, rendererCpuMs } = await openUntilLaidOut(chromium, file);
    const wallMs = await page.evaluate(() => performance.getEntriesByName('ztn:layout-done')[0]?.startTime ?? NaN);
    return { wallMs: Math.round(wallMs), mainThreadCpuMs, rendererCpuMs };
  } finally {
    await chromium.close();
  }
}

async function run(): Promise<void> {
  const [treeA, treeB] = [process.argv[2], process.argv[3]].map((t) => resolve(t ?? ''));
  const workloads = Number(process.argv[4] ?? 2000);
  const layout = (process.argv[5] ?? 'layered') as ViewState['layout'];
  const rounds = Number(process.argv[6] ?? 3);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const graph = syntheticGraph(workloads, 6000);
  const files = await Promise.all(
    [treeA, treeB].map(async (tree, i) => {
      const file = join(RESULTS_DIR, `compare-${'AB'[i]}-${workloads}-${layout}.html`);
      writeBenchPage(file, graph, layout, await buildPageAssets(tree));
      return file;
    }),
  );
  const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`A: ${treeA}\nB: ${treeB}\n${workloads} workloads, 6,000 edges, ${layout}, ${rounds} rounds; load average at start ${load()}`);
  const runs: Run[][] = [[], []];
  for (let r = 0; r < rounds; r++) {
    for (const i of r % 2 ? [1, 0] : [0, 1]) runs[i].push(await measure(files[i]));
  }
  const row = (key: keyof Run) => {
    const [a, b] = runs.map((list) => median(list.map((x) => x[key])));
    return `${key.padEnd(16)} A ${String(a).padStart(6)} ms   B ${String(b).padStart(6)} ms   B/A ${(b / a).toFixed(2)}`;
  };
  console.log(row('wallMs'));
  console.log(row('mainThreadCpuMs'));
  console.log(row('rendererCpuMs'));
  console.log(`load average at end ${load()}`);
}

void run();
