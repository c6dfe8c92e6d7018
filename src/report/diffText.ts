// `ztn diff` as text for a terminal and as markdown for a pull-request comment, riskiest changes first.
import type { CallSide, Decider, MeshDiff, VerdictChange } from '../policy/diff';
import { displayText } from '../model/displayText';

export interface DiffLabels {
  base: string;
  head: string;
}

function where(d: Decider | undefined): string {
  if (!d) return 'no policy';
  const at = d.file ? ` (${d.file}:${d.line})` : '';
  return d.policy ? `${d.policy}${at}` : `${d.detail}${at}`;
}

function sideText(s: CallSide): string {
  return `${s.verdict}${s.verdict === 'allowed' ? (s.mtls ? ' mTLS' : ' plaintext') : ''} by ${where(s.decidedBy)}`;
}

/** Risk of a verdict change, lower first: newly allowed plaintext, newly allowed across namespaces, expected calls now denied. */
export function riskOf(v: VerdictChange): number {
  if (v.change === 'opened' && !v.head.mtls) return 0;
  if (v.change === 'opened' && v.crossNamespace) return 1;
  if (v.head.verdict !== 'allowed' && v.expectsAllowed) return 2;
  return v.change === 'opened' ? 3 : 4;
}

function riskLabel(v: VerdictChange): string {
  return [
    'newly allowed, plaintext',
    'newly allowed from another namespace',
    'newly denied, the traffic file expects it to work',
    'newly allowed',
    v.change === 'closed' ? 'newly denied' : 'denied differently',
  ][riskOf(v)];
}

function summaryLine(d: MeshDiff): string {
  const s = d.summary;
  return `${s.opened} opened, ${s.closed} closed, ${s.changed} denied differently, ${s.downgraded} mTLS downgraded, ${s.serverModeWeaker} server mode weaker, ${s.identity} identity change(s), ${s.edgesAdded} edge(s) added, ${s.edgesRemoved} removed, ${s.findingsAdded} new finding(s), ${s.findingsFixed} fixed`;
}

function lines(d: MeshDiff): { namespace: string; risk: number; text: string }[] {
  const out: { namespace: string; risk: number; text: string }[] = [];
  for (const v of d.verdictChanges)
    out.push({ namespace: v.namespace, risk: riskOf(v), text: `${riskLabel(v)}: ${v.key}: ${sideText(v.base)} -> ${sideText(v.head)}` });
  for (const m of d.mtlsChanges)
    out.push({
      namespace: m.namespace,
      risk: m.change === 'downgraded' ? 0 : 5,
      text: `mTLS ${m.change === 'downgraded' ? 'downgraded to plaintext' : 'upgraded from plaintext'}: ${m.key}`,
    });
  for (const s of d.serverModeChanges)
    out.push({ namespace: s.namespace, risk: s.weaker ? 0 : 5, text: `server mTLS mode ${s.base} -> ${s.head}: ${s.workload} port ${s.port}` });
  for (const i of d.identityChanges)
    out.push({ namespace: i.namespace, risk: 3, text: `identity changed: ${i.workload}: ${i.base.spiffeId} -> ${i.head.spiffeId}` });
  for (const e of d.edgesAdded)
    out.push({
      namespace: e.namespace,
      risk: 4,
      text: `edge added: ${e.key} (${e.verdict}${e.verdict === 'allowed' ? (e.mtls ? ', mTLS' : ', plaintext') : ''})`,
    });
  for (const e of d.edgesRemoved) out.push({ namespace: e.namespace, risk: 5, text: `edge removed: ${e.key}` });
  for (const f of d.findingsAdded) out.push({ namespace: '', risk: 4, text: `new finding: ${f.file}:${f.line} ${f.severity} ${f.ruleId} ${f.message}` });
  for (const f of d.findingsFixed) out.push({ namespace: '', risk: 6, text: `fixed finding: ${f.ruleId} ${f.object ?? f.file} ${f.message}` });
  return out.map((l) => ({ ...l, text: displayText(l.text) })).sort((a, b) => a.risk - b.risk);
}

export function diffText(d: MeshDiff, labels: DiffLabels): string {
  const body = lines(d).map((l) => l.text);
  return `${displayText(`ztn diff ${labels.base} -> ${labels.head} (edges: ${d.edges})`)}\n${body.map((l) => `  ${l}\n`).join('')}${summaryLine(d)}\n`;
}

/** Markdown escapes for text from manifests: no HTML, no links, no table or emphasis breakage. */
function md(text: string): string {
  return text.replace(/[\\`*_{}[\]<>()#+!|~]/g, (c) => `\\${c}`);
}

export function diffMarkdown(d: MeshDiff, labels: DiffLabels): string {
  const all = lines(d);
  const out = [`### ztn diff: ${md(labels.base)} → ${md(labels.head)}`, '', summaryLine(d), ''];
  const risky = all.filter((l) => l.risk <= 2);
  if (risky.length) out.push('**Riskiest changes**', '', ...risky.map((l) => `- ${md(l.text)}`), '');
  const namespaces = [...new Set(all.map((l) => l.namespace))].sort();
  for (const ns of namespaces) {
    const inNs = all.filter((l) => l.namespace === ns);
    out.push(`<details><summary>${md(ns || 'findings')} (${inNs.length})</summary>`, '', ...inNs.map((l) => `- ${md(l.text)}`), '', '</details>', '');
  }
  if (!all.length) out.push('No change to verdicts, mTLS, identities, edges or findings.', '');
  return out.join('\n');
}
