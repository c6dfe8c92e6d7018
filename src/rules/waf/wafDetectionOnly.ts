// ZT0704: a WAF that only logs: ModSecurity/Coraza in DetectionOnly mode (explicitly, or by ingress-nginx's default).
import type { Node as YamlNode } from 'yaml';
import { isMap, isScalar, visit } from 'yaml';
import { insertIntoMap } from '../../fix/yamlEdit';
import type { TextEdit } from '../../fix/types';
import { findField, rangeOf } from '../../model/position';
import type { Resource } from '../../model/types';
import type { Rule, RuleContext } from '../types';
import { ingressAnnotations, isTrue, MODSECURITY, MODSECURITY_SNIPPET } from './ingressAnnotations';
import { isWafPlugin } from './wafFilters';

const ENGINE = /SecRuleEngine\s+(On|Off|DetectionOnly)\b/g;

/** Offset of the last `SecRuleEngine DetectionOnly` word in the source text of `node`, if that is the last engine directive. */
function detectionOnlyAt(r: Resource, node: YamlNode | undefined): [number, number] | undefined {
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  if (!range) return undefined;
  const text = r.file.text.slice(range[0], range[1]);
  let last: RegExpExecArray | undefined;
  for (const m of text.matchAll(ENGINE)) last = m as RegExpExecArray;
  if (!last || last[1] !== 'DetectionOnly') return undefined;
  const start = range[0] + last.index + last[0].length - 'DetectionOnly'.length;
  return [start, start + 'DetectionOnly'.length];
}

function reportWord(r: Resource, ctx: RuleContext, at: [number, number], what: string): void {
  const edit: TextEdit = { file: r.file.path, start: at[0], end: at[1], newText: 'On' };
  ctx.report({
    resource: r,
    range: rangeOf(r.file, at),
    message: `${what} runs in DetectionOnly mode and blocks nothing; set SecRuleEngine On once the rules are tuned`,
    fix: () => ({ title: 'Set SecRuleEngine On', safe: true, edits: [edit] }),
  });
}

export const wafDetectionOnly: Rule = {
  meta: {
    id: 'ZT0704',
    pillar: 7,
    severity: 'warning',
    title: 'WAF in detection-only mode',
    description:
      "A WAF in DetectionOnly mode logs matches but lets every attack through. ingress-nginx runs ModSecurity in DetectionOnly unless a modsecurity-snippet sets `SecRuleEngine On`; Coraza's recommended configuration does the same. Detection is a tuning phase, not protection.",
    fixable: true,
    kinds: ['Ingress', 'WasmPlugin'],
  },
  checkResource(r, ctx) {
    if (r.kind === 'WasmPlugin') {
      if (!isWafPlugin(r)) return;
      const config = findField(r.node, ['spec', 'pluginConfig'])?.value;
      if (!config) return;
      // Directives apply in order across all strings of the config: only the last engine setting counts.
      let lastEngine: { node: YamlNode; at?: [number, number] } | undefined;
      let recommended: YamlNode | undefined;
      visit(config, {
        Scalar(_, node) {
          if (!isScalar(node) || typeof node.value !== 'string') return;
          if (/SecRuleEngine\s+\w+/.test(node.value)) lastEngine = { node, at: detectionOnlyAt(r, node) };
          if (node.value.includes('@recommended-conf')) recommended ??= node;
        },
      });
      if (lastEngine?.at) reportWord(r, ctx, lastEngine.at, `WasmPlugin ${r.name}`);
      else if (!lastEngine && recommended) {
        // Coraza's recommended configuration sets SecRuleEngine DetectionOnly.
        const span = (recommended as { range?: [number, number, number] }).range;
        if (span) {
          ctx.report({
            resource: r,
            range: rangeOf(r.file, [span[0], span[1]]),
            message: `WasmPlugin ${r.name} includes @recommended-conf, which runs in DetectionOnly mode, and never sets SecRuleEngine On; add "SecRuleEngine On" after it`,
          });
        }
      }
      return;
    }
    const annotations = ingressAnnotations(r);
    if (!isTrue(annotations[MODSECURITY])) return;
    const snippet = findField(r.node, ['metadata', 'annotations', MODSECURITY_SNIPPET]);
    if (snippet?.value) {
      const at = detectionOnlyAt(r, snippet.value);
      if (at) reportWord(r, ctx, at, 'ModSecurity');
      return;
    }
    const annotationsMap = findField(r.node, ['metadata', 'annotations'])?.value;
    ctx.report({
      resource: r,
      path: ['metadata', 'annotations', MODSECURITY],
      message: 'ModSecurity runs in DetectionOnly mode by default and blocks nothing; add a modsecurity-snippet with "SecRuleEngine On"',
      fix: isMap(annotationsMap)
        ? () => ({ title: 'Set SecRuleEngine On', safe: true, edits: [insertIntoMap(r.file, annotationsMap, MODSECURITY_SNIPPET, 'SecRuleEngine On')] })
        : undefined,
    });
  },
};
