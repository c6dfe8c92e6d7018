// The rule catalogue as a markdown page for the editor's preview: rules grouped by pillar, each linked to its docs.
import { ALL_RULES, ruleDocsUrl } from '../rules/registry';
import { PILLARS, type PillarNumber, type Rule } from '../rules/types';

export function ruleCatalogueMarkdown(rules: readonly Rule[] = ALL_RULES): string {
  const out = ['# Zero Trust Lens rule catalogue', '', `${rules.length} rules. Severity is the default; ztn.yaml and the ztn.rules.* settings change it.`, ''];
  const pillars = [...new Set(rules.map((r) => r.meta.pillar))].sort((a, b) => a - b) as PillarNumber[];
  for (const p of pillars) {
    out.push(`## ${String(p).padStart(2, '0')} ${PILLARS[p]}`, '', '| Rule | Severity | Quick-fix | Title |', '|---|---|---|---|');
    for (const r of rules.filter((x) => x.meta.pillar === p)) {
      out.push(`| [${r.meta.id}](${ruleDocsUrl(r.meta.id)}) | ${r.meta.severity} | ${r.meta.fixable ? 'yes' : ''} | ${r.meta.title.replace(/\|/g, '\\|')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
