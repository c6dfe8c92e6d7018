// Lint benchmark: full lint vs a bare `yaml` parse of the same files, and re-linting one 200-document file.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { defaultConfig } from '../../src/config/load';
import { collectManifestFiles, loadWorkspace } from '../../src/model/workspace';
import { parseYamlDocuments } from '../../src/model/yamlDocuments';
import { lint } from '../../src/rules/engine';
import { ALL_RULES } from '../../src/rules/registry';
import { appDocs, generate } from './lintWorkspace';
import { timeMs, median, gc } from './timing';

function measure(resources: number, runs: number) {
  const dir = mkdtempSync(join(tmpdir(), `ztn-bench-${resources}-`));
  try {
    generate(dir, resources);
    const config = defaultConfig(dir);
    const bare: number[] = [];
    const floor: number[] = [];
    const full: number[] = [];
    const fullOneThread: number[] = [];
    let findings = 0;
    for (let run = 0; run < runs + 1; run++) {
      gc();
      // Bare parse: read every manifest file and parse it with the same Document API the engine uses.
      const b = timeMs(() => {
        for (const f of collectManifestFiles([dir])) parseAllDocuments(readFileSync(f, 'utf8'), { uniqueKeys: true, prettyErrors: false });
      });
      gc();
      // The same parse as the engine does it (parseYamlDocuments: no getenv per token): the floor of a full lint.
      const p = timeMs(() => {
        for (const f of collectManifestFiles([dir])) parseYamlDocuments(readFileSync(f, 'utf8'));
      });
      gc();
      // Full lint with the worker (as `ztn lint` runs with three cores or more and one spare) and on one thread (as it
      // runs on two cores or a busy machine: secondThreadPays).
      const l = timeMs(() => {
        findings = lint(loadWorkspace([dir], config, {}, 2)).findings.length;
      });
      gc();
      const one = timeMs(() => {
        if (lint(loadWorkspace([dir], config, {}, 1)).findings.length !== findings) throw new Error('one thread and two threads disagree');
      });
      if (run > 0) {
        bare.push(b);
        floor.push(p);
        full.push(l);
        fullOneThread.push(one);
      }
    }
    // Bare parse and full lint alternate, so load changes on a shared machine hit both alike.
    return {
      dir,
      bare: median(bare),
      floor: median(floor),
      full: median(full),
      fullOneThread: median(fullOneThread),
      ratio: median(full.map((f, i) => f / bare[i])),
      ratioOneThread: median(fullOneThread.map((f, i) => f / bare[i])),
      threadGain: median(fullOneThread.map((f, i) => f / full[i])),
      findings,
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Re-linting one edited 200-document file: parsing its new text (setFile), then linting just that file. */
function relintOneFile(dir: string, runs: number) {
  const config = defaultConfig(dir);
  const index = loadWorkspace([dir], config, {});
  lint(index);
  const big = join(dir, 'edited.yaml');
  const docs: string[] = [];
  for (let i = 0; docs.length < 200; i++) docs.push(...appDocs('edited', `app-${i % 10}`, i));
  docs.length = 200;
  const text = docs.join('---\n');
  index.setFile(big, text);
  lint(index, { files: new Set([big]) });
  const parse: number[] = [];
  const check: number[] = [];
  for (let run = 0; run < runs; run++) {
    const edited = text.replace('replicas: 2', `replicas: ${3 + run}`);
    parse.push(timeMs(() => index.setFile(big, edited)));
    check.push(timeMs(() => lint(index, { files: new Set([big]) })));
  }
  return { parse: median(parse), check: median(check) };
}

const cpu = cpus()[0]?.model ?? 'unknown';
// The machine may be shared: the load average says how far absolute times are from an idle machine's.
console.log(
  `machine: ${cpus().length} cores, ${cpu}, node ${process.version}, load average ${loadavg()[0].toFixed(1)}; ${ALL_RULES.length} rules in the registry`,
);
const rows: string[] = [];
for (const [resources, runs] of [
  [1000, 7],
  [10000, 5],
] as const) {
  const m = measure(resources, runs);
  const ratio = m.ratio;
  rows.push(
    `| ${resources} | ${m.bare.toFixed(0)} ms | ${m.floor.toFixed(0)} ms | ${m.full.toFixed(0)} ms (${ratio.toFixed(2)}x) | ${m.fullOneThread.toFixed(0)} ms (${m.ratioOneThread.toFixed(2)}x) | ${m.threadGain.toFixed(2)}x | ${m.findings} |`,
  );
  console.log(
    `${resources} resources: bare parse ${m.bare.toFixed(0)} ms (engine's parse alone ${m.floor.toFixed(0)} ms), full lint on two threads ${m.full.toFixed(0)} ms (${ratio.toFixed(2)}x), ` +
      `on one thread ${m.fullOneThread.toFixed(0)} ms (${m.ratioOneThread.toFixed(2)}x; target <= 1.5x${resources === 10000 ? ', < 2000 ms' : ''}); one/two threads ${m.threadGain.toFixed(2)}x; ${m.findings} findings`,
  );
  if (resources === 10000) {
    const relint = relintOneFile(m.dir, 15);
    const total = relint.parse + relint.check;
    console.log(
      `re-lint of one 200-document file in the 10000-resource workspace: ${total.toFixed(1)} ms = parse ${relint.parse.toFixed(1)} ms + lint ${relint.check.toFixed(1)} ms (target < 20 ms)`,
    );
    rows.push(
      `re-lint of one 200-document file (10,000-resource workspace): ${total.toFixed(1)} ms (parse ${relint.parse.toFixed(1)} ms + lint ${relint.check.toFixed(1)} ms)`,
    );
  }
  rmSync(m.dir, { recursive: true, force: true });
}
console.log(
  [
    `\nload average after the runs ${loadavg()[0].toFixed(1)}; ratios are to the bare parse of the same run`,
    '| resources | bare yaml parse | engine parse alone | full lint, 2 threads | full lint, 1 thread | 1 thread / 2 threads | findings |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n'),
);
