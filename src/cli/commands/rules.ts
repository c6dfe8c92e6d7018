// `ztn rules`: the rule catalogue as markdown or json.
import { ALL_RULES, ruleDocsUrl } from '../../rules/registry';
import { PILLARS } from '../../rules/types';
import type { Command } from '../usage';
import { oneOf, parseCommandArgs } from '../workspaceArgs';

export const rulesCommand: Command = {
  name: 'rules',
  summary: 'list the rule catalogue',
  usage: 'Usage: ztn rules [--format markdown|json]',
  async run(args, io) {
    const { values } = parseCommandArgs(args, { format: { type: 'string' } }, false);
    const format = oneOf('format', values.format, ['markdown', 'json'] as const, 'markdown');
    if (format === 'json') {
      io.out(
        JSON.stringify(
          ALL_RULES.map((r) => ({ ...r.meta, pillarName: PILLARS[r.meta.pillar], docs: ruleDocsUrl(r.meta.id) })),
          null,
          2,
        ) + '\n',
      );
      return 0;
    }
    const lines = ['| ID | Pillar | Severity | Fix | Title |', '|----|--------|----------|-----|-------|'];
    for (const r of ALL_RULES) {
      lines.push(
        `| [${r.meta.id}](docs/rules/${r.meta.id}.md) | ${PILLARS[r.meta.pillar]} | ${r.meta.severity} | ${r.meta.fixable ? 'yes' : ''} | ${r.meta.title} |`,
      );
    }
    io.out(lines.join('\n') + '\n');
    return 0;
  },
};
