// The trust graph webview's HTML: the graph page's strict Content-Security-Policy with a per-load nonce; script and styles from dist/.
import { randomBytes } from 'node:crypto';
import { contentSecurityPolicy } from '../../webview/page';

export interface GraphPageAssets {
  /** webview.cspSource: the only origin scripts, styles, fonts and images may come from. */
  cspSource: string;
  scriptUri: string;
  styleUri?: string;
  title: string;
}

export function newNonce(): string {
  // Hex, not base64 with '+' and '/' dropped: that left 18 to 24 characters, under 20 about once in 800 nonces.
  return randomBytes(18).toString('hex');
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function graphPanelHtml(assets: GraphPageAssets, nonce: string): string {
  const csp = contentSecurityPolicy(nonce, assets.cspSource);
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
