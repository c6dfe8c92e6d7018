// The trust graph webview's HTML: a strict Content-Security-Policy with a per-load nonce, scripts and styles only from the extension.
import { randomBytes } from 'node:crypto';

export interface GraphPageAssets {
  /** webview.cspSource: the only origin scripts, styles, fonts and images may come from. */
  cspSource: string;
  scriptUri: string;
  styleUri?: string;
  title: string;
}

export function newNonce(): string {
  return randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `img-src ${cspSource} data: blob:`,
    `font-src ${cspSource}`,
    // The layout runs in a worker the page starts from its own bundle.
    `worker-src ${cspSource} blob:`,
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export function graphPanelHtml(assets: GraphPageAssets, nonce: string): string {
  const csp = contentSecurityPolicy(assets.cspSource, nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeAttr(assets.title)}</title>
${assets.styleUri ? `<link rel="stylesheet" href="${escapeAttr(assets.styleUri)}" nonce="${nonce}">` : ''}
</head>
<body>
<div id="app" data-host="vscode"></div>
<script nonce="${nonce}" src="${escapeAttr(assets.scriptUri)}"></script>
</body>
</html>
`;
}
