// `ztn lint`: findings in text, json or sarif; --fix / --fix-dry-run apply the safe fixes.
import { relative } from 'node:path';
import { unifiedDiff } from '../../rules/applyFixes';
import { fixAll } from '../../rules/fixAll';
import { lint } from '../../rules/engine';
import { lintToJson } from '../../report/lintJson';
import { lintToText } from '../../report/lintText';
import { lintToSarif } from '../../report/sarif';
import type { Severity } from '../../model/types';
import { displayText } from '../../model/displayText';
import { writeFileAtomically } from '../../model/safeWrite';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, type Command } from '../usage';
import { oneOf, openWorkspace, parseCommandArgs } from '../workspaceArgs';

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export const lintCommand: Command = {
  name: 'lint',
  summary: 'check manifests against the ten zero trust pillars',
  usage: `Usage: ztn lint [paths...] [--format text|json|sarif] [--fail-on error|warning|info|never]
                [--fix | --fix-dry-run] [--config ztn.yaml]

Checks Kubernetes and Istio manifests (files or folders; default: the ztn.yaml folder or '.').
  --format       text (default), json, or sarif (SARIF 2.1.0 for code scanning)
  --fail-on      lowest severity that makes the exit code 1 (default: error)
  --fix          apply every safe quick-fix in place, then report what is left
  --fix-dry-run  print the safe fixes as a unified diff; change nothing
  --config       ztn.yaml to use (default: nearest one above the first path)`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      format: { type: 'string' },
      'fail-on': { type: 'string' },
      fix: { type: 'boolean' },
      'fix-dry-run': { type: 'boolean' },
      config: { type: 'string' },
    });
    const format = oneOf('format', values.format, ['text', 'json', 'sarif'] as const, 'text');
    const failOn = oneOf('fail-on', values['fail-on'], ['error', 'warning', 'info', 'never'] as const, 'error');
    if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot be combined');

    let index = openWorkspace(positionals, values.config, io);
    let result = lint(index);

    let notWritten = 0;
    if (values.fix || values['fix-dry-run']) {
      const outcome = fixAll(index, (i) => lint(i).findings);
      const count = `${outcome.applied} safe fix${outcome.applied === 1 ? '' : 'es'}`;
      const shown = (file: string) => displayText(relative(io.cwd, file) || file);
      for (const r of outcome.rejected) io.err(`not applied: ${shown(r.file)}:${r.line}: ${r.ruleId} ${displayText(r.title)}: ${r.reason}\n`);
      if (values['fix-dry-run']) {
        for (const [file, { before, after, created }] of outcome.changes) io.out(unifiedDiff(file, before, after, relative(io.cwd, file), created));
        io.err(`${count} would change ${outcome.changes.size} file(s)\n`);
        return EXIT_OK;
      }
      // One file at a time, each replaced whole (temporary file and rename) and only if it still holds what was linted.
      const written: string[] = [];
      for (const [file, { before, after, created }] of outcome.changes) {
        const result = writeFileAtomically(file, after, created ? null : before);
        if (result.ok) {
          written.push(file);
          io.err(`wrote ${shown(file)}\n`);
        } else {
          notWritten++;
          io.err(`not written: ${shown(file)}: ${result.reason}\n`);
        }
      }
      io.err(`applied ${count} to ${written.length} file(s)${notWritten ? `; ${notWritten} file(s) not written` : ''}\n`);
      // Report what is left from the files as written, so the output matches a plain run afterwards.
      index = openWorkspace(positionals, values.config, io);
      result = lint(index);
    }

    if (format === 'json') io.out(JSON.stringify(lintToJson(result, io.cwd), null, 2) + '\n');
    else if (format === 'sarif') io.out(JSON.stringify(lintToSarif(result, io.cwd), null, 2) + '\n');
    else io.out(lintToText(result, io.cwd));

    // A fix that could not be written is bad input (a read-only file, a file changed meanwhile): exit 2 after the report.
    if (notWritten > 0) return EXIT_USAGE;
    if (failOn === 'never') return EXIT_OK;
    return result.findings.some((f) => RANK[f.severity] >= RANK[failOn]) ? EXIT_FINDINGS : EXIT_OK;
  },
};
