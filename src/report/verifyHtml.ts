// `ztn sandbox verify --format html`: a standalone page (no scripts, CSP pinned to its one stylesheet) for sharing a run.
import { createHash } from 'node:crypto';
import type { ExplanationStep } from '../policy/types';
import { routeOf, type Verification, type VerifyRow } from './verifyModel';

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem; color: #1b1f24; background: #fff; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
.meta { color: #57606a; margin-bottom: 1rem; }
.cards { display: flex; gap: .75rem; flex-wrap: wrap; margin: 1rem 0; }
.card { border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem .9rem; min-width: 8rem; }
.card b { display: block; font-size: 1.3rem; }
.verdict-pass { color: #1a7f37; } .verdict-fail { color: #cf222e; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; border-bottom: 1px solid #d0d7de; padding: .35rem .5rem; vertical-align: top; }
th { background: #f6f8fa; }
tr.fail td { background: #ffebe9; }
code { font: 12px ui-monospace, monospace; overflow-wrap: anywhere; }
td:nth-child(2) { max-width: 34rem; }
details { margin: .25rem 0; } summary { cursor: pointer; color: #0969da; }
ul { margin: .25rem 0 .25rem 1.2rem; padding: 0; }
@media (prefers-color-scheme: dark) {
  body { background: #0d1117; color: #e6edf3; } th { background: #161b22; } tr.fail td { background: #3c1618; }
  .card, th, td { border-color: #30363d; } .meta { color: #8b949e; }
}
`;

function html(text: string | number | undefined): string {
  return String(text ?? '').replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&quot;' })[c] ?? c);
}

function stepItem(s: ExplanationStep): string {
  const where = s.file ? ` <code>${html(s.file)}${s.line ? `:${s.line}` : ''}</code>` : '';
  return `<li><b>${html(s.step)}</b> ${s.policy ? `${html(s.policy)}: ` : ''}${html(s.detail)}${where}</li>`;
}

function row(r: VerifyRow): string {
  const o = r.observed;
  const pass = r.problems.length === 0;
  const details = [
    r.problems.length ? `<ul>${r.problems.map((p) => `<li>${html(p)}</li>`).join('')}</ul>` : '',
    `<details${pass ? '' : ' open'}><summary>engine explanation</summary><ul>${r.call.explanation.map(stepItem).join('')}</ul></details>`,
    r.call.caveats?.length
      ? `<details open><summary>caveats: what the prediction assumed</summary><ul>${r.call.caveats.map((k) => `<li>${html(k.detail)}${k.file ? ` <code>${html(k.file)}${k.line ? `:${k.line}` : ''}</code>` : ''}</li>`).join('')}</ul></details>`
      : '',
    o?.hops.length
      ? `<details${pass ? '' : ' open'}><summary>on the wire</summary><ul>${o.hops.map((h) => `<li><code>${html(h)}</code></li>`).join('')}</ul></details>`
      : '',
    o?.xfcc ? `<div>XFCC at the app: <code>${html(o.xfcc)}</code></div>` : '',
  ].join('');
  return `<tr class="${pass ? 'pass' : 'fail'}">
<td class="${pass ? 'verdict-pass' : 'verdict-fail'}">${pass ? 'PASS' : 'FAIL'}</td>
<td><b>${html(r.call.name)}</b><br><code>${html(routeOf(r.call))}</code>${details}</td>
<td>${html(r.call.verdict)}<br>${r.call.mtls ? 'mTLS' : 'plaintext'}</td>
<td>${o ? `${html(o.verdict)}<br>${o.mtls ? 'mTLS' : 'plaintext'}${o.fault ? `<br>fault: ${html(o.fault)}` : ''}` : 'not observed'}</td>
<td>${o?.tlsVersion ? `${html(o.tlsVersion)}<br><code>${html(o.cipher)}</code>` : ''}</td>
<td>${o?.clientIdentity ? `client <code>${html(o.clientIdentity)}</code><br>` : ''}${o?.serverIdentity ? `server <code>${html(o.serverIdentity)}</code>` : ''}</td>
<td>${o?.status ?? ''}</td>
<td>${o?.latencyMs !== undefined ? o.latencyMs.toFixed(1) : ''}</td>
</tr>`;
}

export interface HtmlReportMeta {
  title: string;
  /** Free text under the title: traffic file, engine, time. */
  subtitle: string;
}

export function verifyToHtml(v: Verification, meta: HtmlReportMeta): string {
  const styleHash = createHash('sha256').update(STYLE).digest('base64');
  const s = v.summary;
  const faults =
    Object.entries(s.faults)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ') || 'none';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-${styleHash}'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(meta.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${html(meta.title)}</h1>
<div class="meta">${html(meta.subtitle)}</div>
<div class="cards">
<div class="card"><b class="${v.ok ? 'verdict-pass' : 'verdict-fail'}">${v.ok ? 'PASSED' : 'FAILED'}</b>verification</div>
<div class="card"><b>${s.total}</b>calls</div>
<div class="card"><b>${s.passed}</b>passed</div>
<div class="card"><b>${s.disagreements}</b>disagree with the engine</div>
<div class="card"><b>${s.expectationsFailed}</b>expectations failed</div>
<div class="card"><b>${html(faults)}</b>faults</div>
</div>
<table>
<thead><tr><th></th><th>call</th><th>predicted</th><th>observed</th><th>TLS</th><th>identities</th><th>HTTP</th><th>ms</th></tr></thead>
<tbody>
${v.rows.map(row).join('\n')}
</tbody>
</table>
</body>
</html>
`;
}
