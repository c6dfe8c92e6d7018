// Serializes what the canvas shows (current positions, visible elements) to a standalone SVG file.
import { STATE_STYLES, VERIFIED_MARK } from '../src/graph/legend';
import type { ChannelState } from '../src/graph/types';

export interface ExportNode {
  id: string;
  label: string;
  classes: string[];
  /** Center and size in model coordinates. */
  x: number;
  y: number;
  w: number;
  h: number;
  group: boolean;
}

export interface ExportEdge {
  id: string;
  source: string;
  target: string;
  classes: string[];
  port: string;
}

function esc(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

// Codicon glyphs live in the Private Use Area; an exported file cannot count on that font.
function plain(label: string): string {
  return label
    .replace(/[\uE000-\uF8FF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Point where the segment from the center of `box` towards (tx, ty) leaves the box. */
function clip(box: ExportNode, tx: number, ty: number): { x: number; y: number } {
  const dx = tx - box.x;
  const dy = ty - box.y;
  if (dx === 0 && dy === 0) return { x: box.x, y: box.y };
  const sx = dx === 0 ? Infinity : box.w / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : box.h / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: box.x + dx * s, y: box.y + dy * s };
}

function stateOf(classes: string[]): ChannelState {
  return (['denied', 'plaintext', 'permissive', 'mtls'] as const).find((s) => classes.includes(s)) ?? 'mtls';
}

const f = (n: number) => n.toFixed(1);

export function exportSvg(nodes: ExportNode[], edges: ExportEdge[]): string {
  const pad = 30;
  const minX = Math.min(...nodes.map((n) => n.x - n.w / 2)) - pad;
  const minY = Math.min(...nodes.map((n) => n.y - n.h / 2)) - pad;
  const maxX = Math.max(...nodes.map((n) => n.x + n.w / 2)) + pad;
  const maxY = Math.max(...nodes.map((n) => n.y + n.h / 2)) + pad;
  const width = nodes.length ? maxX - minX : 100;
  const height = nodes.length ? maxY - minY : 100;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${f(nodes.length ? minX : 0)} ${f(nodes.length ? minY : 0)} ${f(width)} ${f(height)}" width="${Math.ceil(width)}" height="${Math.ceil(height)}" font-family="Helvetica, Arial, sans-serif">`,
    '<defs>' +
      (Object.keys(STATE_STYLES) as ChannelState[])
        .map(
          (s) =>
            `<marker id="arrow-${s}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="${STATE_STYLES[s].color}"/></marker>`,
        )
        .join('') +
      '</defs>',
    `<rect x="${f(nodes.length ? minX : 0)}" y="${f(nodes.length ? minY : 0)}" width="${f(width)}" height="${f(height)}" fill="#ffffff"/>`,
  ];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  // Outer boxes first so inner boxes and nodes draw on top of them.
  for (const g of nodes.filter((n) => n.group).sort((a, b) => b.w * b.h - a.w * a.h)) {
    out.push(
      `<g class="${esc(g.classes.join(' '))}" data-id="${esc(g.id)}"><rect x="${f(g.x - g.w / 2)}" y="${f(g.y - g.h / 2)}" width="${f(g.w)}" height="${f(g.h)}" rx="6" fill="#eef2f7" fill-opacity="0.6" stroke="#9aa4b2"${g.classes.includes('namespace') ? ' stroke-dasharray="4,3"' : ''}/><text x="${f(g.x)}" y="${f(g.y - g.h / 2 + 13)}" text-anchor="middle" font-size="11" fill="#4b5563">${esc(plain(g.label))}</text></g>`,
    );
  }
  for (const e of edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) continue;
    const state = stateOf(e.classes);
    const style = STATE_STYLES[state];
    const a = clip(s, t.x, t.y);
    const b = clip(t, s.x, s.y);
    const verified = e.classes.includes('verified');
    const label = `${style.mark} ${e.port}${verified ? ' ' + VERIFIED_MARK : ''}`;
    out.push(
      `<g class="edge ${esc(e.classes.join(' '))}" data-id="${esc(e.id)}"><line x1="${f(a.x)}" y1="${f(a.y)}" x2="${f(b.x)}" y2="${f(b.y)}" stroke="${style.color}" stroke-width="${verified ? 3 : 1.5}"${style.dashed ? ' stroke-dasharray="6,4"' : ''} marker-end="url(#arrow-${state})"/><text x="${f((a.x + b.x) / 2)}" y="${f((a.y + b.y) / 2 - 3)}" text-anchor="middle" font-size="10" fill="${style.color}">${esc(label)}</text></g>`,
    );
  }
  for (const n of nodes.filter((x) => !x.group)) {
    const lines = n.label.split('\n');
    const dashed = n.classes.includes('no-sidecar');
    const stroke = n.classes.includes('has-errors') ? '#c62828' : n.classes.includes('has-warnings') ? '#b26a00' : '#5f6b7a';
    out.push(
      `<g class="node ${esc(n.classes.join(' '))}" data-id="${esc(n.id)}"><rect x="${f(n.x - n.w / 2)}" y="${f(n.y - n.h / 2)}" width="${f(n.w)}" height="${f(n.h)}" rx="4" fill="#ffffff" stroke="${stroke}"${dashed ? ' stroke-dasharray="4,3"' : ''}/><text x="${f(n.x)}" y="${f(n.y + (lines.length > 1 ? -2 : 4))}" text-anchor="middle" font-size="11">${esc(lines[0])}</text>${
        lines.length > 1 ? `<text x="${f(n.x)}" y="${f(n.y + 12)}" text-anchor="middle" font-size="9" fill="#6b7280">${esc(badgeText(n.classes))}</text>` : ''
      }</g>`,
    );
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function badgeText(classes: string[]): string {
  const out: string[] = [];
  if (classes.includes('no-sidecar')) out.push('no sidecar');
  if (classes.includes('default-sa')) out.push('default SA');
  if (classes.includes('has-errors')) out.push('errors');
  else if (classes.includes('has-warnings')) out.push('warnings');
  return out.join(' · ');
}
