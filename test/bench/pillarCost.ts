// What a group of pillars' rules cost on a workspace: together, per pillar and the slowest rules, as ratios to a bare parse.
import { cpus, loadavg } from 'node:os';
import { parseAllDocuments } from 'yaml';
import type { WorkspaceIndex } from '../../src/model/workspace';
import { lint } from '../../src/rules/engine';
import type { Rule } from '../../src/rules/types';
import { gc, median, timeMs } from './timing';

export interface PillarCostRun {
  /** "01-05": how the group is named in the printed lines. */
  group: string;
  files: ReadonlyMap<string, string>;
  index: WorkspaceIndex;
  pillars: [string, readonly Rule[]][];
  runs: number;
  /** Makes the index look edited, so every run starts from cold per-run lookups as after an edit. */
  invalidate: () => void;
}

/** Prints the figures and returns the rules of every pillar of the group, for the caller's re-lint case. */
export function measurePillarCost(run: PillarCostRun): readonly Rule[] {
  const { files, index, runs } = run;
  const lintMs = (rules: readonly Rule[]): { ms: number; findings: number } => {
    const times: number[] = [];
    let findings = 0;
    for (let i = 0; i <= runs; i++) {
      run.invalidate();
      gc();
      const t = timeMs(() => {
        findings = lint(index, { rules }).findings.length;
      });
      if (i > 0) times.push(t);
    }
    return { ms: median(times), findings };
  };

  const bareParse = median(
    Array.from({ length: runs }, () =>
      timeMs(() => {
        for (const text of files.values()) parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false });
      }),
    ),
  );
  const base = lintMs([]);
  const all = run.pillars.flatMap(([, r]) => r);
  const together = lintMs(all);

  console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}, load average ${loadavg()[0].toFixed(1)}`);
  console.log(`workspace: ${index.resources.length} resources in ${files.size} files`);
  console.log(`bare yaml parse: ${bareParse.toFixed(0)} ms; engine pass with no rules (suppressions, tool findings): ${base.ms.toFixed(0)} ms`);
  console.log(
    `pillars ${run.group} together (${all.length} rules): ${(together.ms - base.ms).toFixed(0)} ms over the empty pass = ${((together.ms - base.ms) / bareParse).toFixed(3)}x bare parse, ${together.findings} findings`,
  );
  for (const [name, rules] of run.pillars) {
    const p = lintMs(rules);
    console.log(`  pillar ${name}: ${(p.ms - base.ms).toFixed(1)} ms (${((p.ms - base.ms) / bareParse).toFixed(3)}x parse), ${p.findings} findings`);
  }
  const perRule = all.map((r) => ({ id: r.meta.id, ms: lintMs([r]).ms - base.ms })).sort((a, b) => b.ms - a.ms);
  console.log(
    `slowest rules: ${perRule
      .slice(0, 5)
      .map((r) => `${r.id} ${r.ms.toFixed(1)} ms`)
      .join(', ')}`,
  );
  return all;
}
