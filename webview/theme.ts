// Canvas colors from the page's CSS variables (VS Code theme colors, with standalone fallbacks in styles.css).
export interface ThemeColors {
  background: string;
  foreground: string;
  muted: string;
  nodeBackground: string;
  nodeBorder: string;
  groupBackground: string;
  groupBorder: string;
  focus: string;
  mtls: string;
  permissive: string;
  plaintext: string;
  denied: string;
  error: string;
  warning: string;
  external: string;
  gateway: string;
}

const VARIABLES: Record<keyof ThemeColors, string> = {
  background: '--ztn-background',
  foreground: '--ztn-foreground',
  muted: '--ztn-muted',
  nodeBackground: '--ztn-node-background',
  nodeBorder: '--ztn-node-border',
  groupBackground: '--ztn-group-background',
  groupBorder: '--ztn-group-border',
  focus: '--ztn-focus',
  mtls: '--ztn-mtls',
  permissive: '--ztn-permissive',
  plaintext: '--ztn-plaintext',
  denied: '--ztn-denied',
  error: '--ztn-error',
  warning: '--ztn-warning',
  external: '--ztn-external',
  gateway: '--ztn-gateway',
};

export function readTheme(element: Element = document.body): ThemeColors {
  const style = getComputedStyle(element);
  const out = {} as ThemeColors;
  for (const [key, variable] of Object.entries(VARIABLES) as [keyof ThemeColors, string][]) {
    out[key] = style.getPropertyValue(variable).trim() || '#888888';
  }
  return out;
}

/** Calls `onChange` when VS Code switches theme (it swaps the body's vscode-light/dark/high-contrast class). */
export function watchTheme(onChange: () => void): void {
  new MutationObserver(onChange).observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
  window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', onChange);
}
