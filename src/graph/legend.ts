// How each channel state is drawn, shared by the DOT, Mermaid and SVG writers so they tell one story.
import type { ChannelState, GraphEdge, GraphNode } from './types';

export interface StateStyle {
  /** Legend text. */
  label: string;
  color: string;
  dashed: boolean;
  /** Short mark for text formats: lock, open lock, warning, cross. */
  mark: string;
}

export const STATE_STYLES: Record<ChannelState, StateStyle> = {
  mtls: { label: 'mutual TLS', color: '#2e7d32', dashed: false, mark: '🔒' },
  permissive: { label: 'mTLS, server also accepts plaintext', color: '#b26a00', dashed: false, mark: '🔓' },
  plaintext: { label: 'plaintext', color: '#d97706', dashed: true, mark: '⚠' },
  denied: { label: 'denied by policy', color: '#c62828', dashed: false, mark: '✗' },
};

export const VERIFIED_MARK = '✓';
export const DISAGREES_MARK = '≠';

/** Edge label for text formats: state mark, port, sandbox mark, and the denial verdict. */
export function edgeLabel(e: GraphEdge): string {
  const parts = [STATE_STYLES[e.state].mark, String(e.port)];
  if (e.verified) parts.push(VERIFIED_MARK);
  if (e.disagrees) parts.push(DISAGREES_MARK);
  if (e.state === 'denied') parts.push(e.verdict);
  return parts.join(' ');
}

/** Node badges for text formats: no sidecar, default ServiceAccount, findings by severity. */
export function nodeBadges(n: GraphNode): string[] {
  const out: string[] = [];
  if (n.kind !== 'external' && n.sidecar === false) out.push('no sidecar');
  if (n.defaultServiceAccount) out.push('default SA');
  const { error, warning, info } = n.findingCounts;
  if (error + warning + info > 0) out.push(`${error}E ${warning}W ${info}I`);
  return out;
}
