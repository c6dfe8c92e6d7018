// Messages between the extension host and the trust graph webview, and the view state the webview persists.
import type { ChannelState, TrustGraph } from '../src/graph/types';

export type LayoutName = 'layered' | 'force';

/** Filters the user set in the toolbar; empty lists mean "no filter". */
export interface GraphFilters {
  clusters: string[];
  namespaces: string[];
  states: ChannelState[];
  /** Show only nodes with findings of these pillars (1..10). */
  pillars: number[];
  /** Free-text search over node labels, identities and namespaces. */
  search: string;
}

/** What survives hiding and reloading the panel (vscode getState/setState). */
export interface ViewState {
  layout: LayoutName;
  filters: GraphFilters;
  /** Group ids (cluster:/namespace:) the user collapsed into one box. */
  collapsed: string[];
  /** Node id whose neighbourhood is in focus. */
  focus?: string;
  /** Selected node or edge id (side panel). */
  selected?: string;
  /** Node positions of the last finished layout, so a reload or a live update does not move anything. */
  positions: Record<string, { x: number; y: number }>;
  zoom?: number;
  pan?: { x: number; y: number };
}

/** Host -> webview. */
export type HostMessage =
  /** The first graph (and the state to restore, when the host kept one). */
  | { type: 'graph'; graph: TrustGraph; state?: ViewState }
  /** A new graph after an edit: existing nodes keep their positions, only new ones are laid out. */
  | { type: 'update'; graph: TrustGraph }
  /** Select a node or edge by id and open the side panel (e.g. from a command or a tree view). */
  | { type: 'select'; id: string };

export type ExportFormat = 'svg' | 'png' | 'json';

/** Webview -> host. */
export type WebviewMessage =
  /** The webview is listening; the host answers with a 'graph' message. */
  | { type: 'ready' }
  /** Open a manifest: file is absolute (graph.root joined with the link's relative file), line is 1-based. */
  | { type: 'open'; file: string; line: number }
  /** Save an export: svg and json are text, png is a data: URL (base64). */
  | { type: 'export'; format: ExportFormat; data: string };

export function isHostMessage(value: unknown): value is HostMessage {
  if (!value || typeof value !== 'object') return false;
  const t = (value as { type?: unknown }).type;
  return t === 'graph' || t === 'update' || t === 'select';
}
