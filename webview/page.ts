// The standalone trust graph page (`ztn graph --format html`): one HTML file with bundle, styles and graph inline.
import type { TrustGraph } from '../src/graph/types';
import type { ViewState } from './protocol';

export interface PageAssets {
  /** dist/webview/trustGraph.js (carries the layout worker's source, started from a blob: URL) */
  script: string;
  /** dist/webview/trustGraph.standalone.css (codicon font inlined as a data: URL) */
  style: string;
}

export interface PageOptions {
  assets: PageAssets;
  /** Fresh random value per page load; every inline script and style carries it. */
  nonce: string;
  /** Embedded for the standalone page; the webview in VS Code gets it by message instead. */
  graph?: TrustGraph;
  state?: ViewState;
  title?: string;
  /** webview.cspSource in VS Code, for resources the host serves; empty for the standalone page. */
  cspSource?: string;
}

/** JSON inside a <script type="application/json">: `<` escaped so no text can close the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function contentSecurityPolicy(nonce: string, cspSource = ''): string {
  const extra = cspSource ? ` ${cspSource}` : '';
  return [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'${extra}`,
    `script-src 'nonce-${nonce}'`,
    `font-src data:${extra}`,
    `img-src data: blob:${extra}`,
    // The layout worker is built from the page's own embedded source, never fetched.
    'worker-src blob:',
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function renderGraphPage(o: PageOptions): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(o.nonce)) throw new Error('nonce must be at least 16 base64 characters');
  const title = escapeHtml(o.title ?? 'Zero Trust Lens: trust graph');
  // A script body must not contain "</script"; in JavaScript "<\/script" means the same.
  const script = o.assets.script.replace(/<\/script/gi, '<\\/script');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(o.nonce, o.cspSource))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style nonce="${o.nonce}">${o.assets.style.replace(/<\/style/gi, '<\\/style')}</style>
</head>
<body>
<div id="app" data-standalone="${o.graph ? 'true' : 'false'}"></div>
${o.graph ? `<script type="application/json" id="ztn-graph">${jsonForScript(o.graph)}</script>` : ''}
${o.state ? `<script type="application/json" id="ztn-state">${jsonForScript(o.state)}</script>` : ''}
<script nonce="${o.nonce}">${script}</script>
</body>
</html>
`;
}
