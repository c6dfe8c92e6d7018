// The rule catalogue as a markdown page for the editor's preview: rules grouped by pillar, each linked to its docs
// (in the editor: the pages shipped in the .vsix), shown read-only from a virtual document.
import { ALL_RULES, ruleDocsUrl } from '../rules/registry';
import { PILLARS, type PillarNumber, type Rule } from '../rules/types';

/** Scheme of the catalogue's virtual document: read-only, so closing it never asks to save. */
export const CATALOGUE_SCHEME = 'ztn-catalogue';
export const CATALOGUE_PATH = '/Zero Trust rule catalogue.md';

/** Where a rule ID links: by default the web page; the extension passes the bundled docs/rules/ZTppnn.md. */
export type RuleDocsLink = (ruleId: string) => string;

export function ruleCatalogueMarkdown(rules: readonly Rule[] = ALL_RULES, docsLink: RuleDocsLink = ruleDocsUrl): string {
  const out = ['# Zero Trust Lens rule catalogue', '', `${rules.length} rules. Severity is the default; ztn.yaml and the ztn.rules.* settings change it.`, ''];
  const pillars = [...new Set(rules.map((r) => r.meta.pillar))].sort((a, b) => a - b) as PillarNumber[];
  for (const p of pillars) {
    out.push(`## ${String(p).padStart(2, '0')} ${PILLARS[p]}`, '', '| Rule | Severity | Quick-fix | Title |', '|---|---|---|---|');
    for (const r of rules.filter((x) => x.meta.pillar === p)) {
      out.push(`| [${r.meta.id}](${docsLink(r.meta.id)}) | ${r.meta.severity} | ${r.meta.fixable ? 'yes' : ''} | ${r.meta.title.replace(/\|/g, '\\|')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
