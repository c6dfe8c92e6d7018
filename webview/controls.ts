// The toolbar: search, filter dropdowns, layout switch and export buttons (@vscode-elements/elements).
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-multi-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { PILLARS } from '../src/rules/types';
import type { TrustGraph } from '../src/graph/types';
import { h, icon } from './dom';
import type { ExportFormat, GraphFilters, LayoutName, ViewState } from './protocol';

export interface ToolbarActions {
  filtersChanged(filters: Partial<GraphFilters>): void;
  layoutChanged(layout: LayoutName): void;
  fit(): void;
  clearFocus(): void;
  collapseAll(collapse: boolean): void;
  exportAs(format: ExportFormat): void;
}

interface ValueElement extends HTMLElement {
  value: string | string[];
}

function multiSelect(id: string, label: string, options: [string, string][], selected: readonly string[]): ValueElement {
  const el = h('vscode-multi-select' as 'div', { id, class: 'filter', 'aria-label': label, title: label, placeholder: label }) as unknown as ValueElement;
  for (const [value, text] of options) el.append(h('vscode-option' as 'div', { value }, text));
  // Options are upgraded asynchronously; set the value once the element knows them.
  queueMicrotask(() => (el.value = [...selected]));
  return el;
}

function toolButton(id: string, label: string, iconName: string, onClick: () => void, text?: string): HTMLElement {
  const b = h('vscode-button' as 'button', { id, secondary: '', title: label, 'aria-label': label }, icon(iconName), text ? ` ${text}` : undefined);
  b.addEventListener('click', onClick);
  return b;
}

export function buildToolbar(graph: TrustGraph, state: ViewState, actions: ToolbarActions): HTMLElement {
  const clusters = [...new Set(graph.nodes.map((n) => n.cluster))].sort();
  const namespaces = [...new Set(graph.nodes.flatMap((n) => (n.namespace ? [n.namespace] : [])))].sort();
  const pillars = [...new Set(graph.nodes.flatMap((n) => n.findings.map((f) => f.pillar)))].sort((a, b) => a - b);

  const search = h('vscode-textfield' as 'input', {
    id: 'search',
    placeholder: 'Search workload, identity, host',
    'aria-label': 'Search',
  }) as unknown as ValueElement;
  search.value = state.filters.search;
  search.append(h('span', { slot: 'content-before', class: 'codicon codicon-search' }));
  search.addEventListener('input', () => actions.filtersChanged({ search: String(search.value) }));

  const onChange = (el: ValueElement, key: 'clusters' | 'namespaces' | 'states' | 'pillars') =>
    el.addEventListener('change', () => {
      const values = (el.value as string[]) ?? [];
      actions.filtersChanged({ [key]: key === 'pillars' ? values.map(Number) : values });
    });
  const clusterSelect = multiSelect(
    'filter-cluster',
    'Clusters',
    clusters.map((c) => [c, c]),
    state.filters.clusters,
  );
  const namespaceSelect = multiSelect(
    'filter-namespace',
    'Namespaces',
    namespaces.map((n) => [n, n]),
    state.filters.namespaces,
  );
  const stateSelect = multiSelect(
    'filter-state',
    'Channel and verdict',
    [
      ['mtls', 'mTLS'],
      ['permissive', 'permissive / mixed'],
      ['plaintext', 'plaintext'],
      ['denied', 'denied'],
    ],
    state.filters.states,
  );
  const pillarSelect = multiSelect(
    'filter-pillar',
    'Findings of pillar',
    pillars.map((p) => [String(p), `${String(p).padStart(2, '0')} ${PILLARS[p as keyof typeof PILLARS] ?? ''}`]),
    state.filters.pillars.map(String),
  );
  onChange(clusterSelect, 'clusters');
  onChange(namespaceSelect, 'namespaces');
  onChange(stateSelect, 'states');
  onChange(pillarSelect, 'pillars');

  const layout = h('vscode-single-select' as 'div', { id: 'layout', 'aria-label': 'Layout', title: 'Layout' }) as unknown as ValueElement;
  layout.append(h('vscode-option' as 'div', { value: 'layered' }, 'Layered (flows)'), h('vscode-option' as 'div', { value: 'force' }, 'Force (overview)'));
  queueMicrotask(() => (layout.value = state.layout));
  layout.addEventListener('change', () => actions.layoutChanged(layout.value as LayoutName));

  const summary = h('span', { class: 'summary', id: 'summary' });
  const s = graph.summary;
  summary.textContent = `${s.workloads} workloads · ${s.edges} calls · ${s.byState.mtls} mTLS · ${s.byState.permissive} permissive · ${s.byState.plaintext} plaintext · ${s.byState.denied} denied · ${s.verified} verified`;

  return h(
    'div',
    { class: 'toolbar', role: 'toolbar', 'aria-label': 'Trust graph controls' },
    search,
    h('label', { for: 'filter-cluster' }, 'Cluster'),
    clusterSelect,
    h('label', { for: 'filter-namespace' }, 'Namespace'),
    namespaceSelect,
    h('label', { for: 'filter-state' }, 'Channel'),
    stateSelect,
    h('label', { for: 'filter-pillar' }, 'Findings'),
    pillarSelect,
    layout,
    toolButton('fit', 'Fit to window', 'screen-full', actions.fit),
    toolButton('clear-focus', 'Show everything (clear focus)', 'clear-all', actions.clearFocus),
    toolButton('collapse-all', 'Collapse all namespaces', 'collapse-all', () => actions.collapseAll(true)),
    toolButton('expand-all', 'Expand all boxes', 'expand-all', () => actions.collapseAll(false)),
    h('span', { class: 'spacer' }),
    summary,
    toolButton('export-svg', 'Export SVG', 'export', () => actions.exportAs('svg'), 'SVG'),
    toolButton('export-png', 'Export PNG', 'file-media', () => actions.exportAs('png'), 'PNG'),
    toolButton('export-json', 'Export JSON', 'json', () => actions.exportAs('json'), 'JSON'),
  );
}

export function legend(): HTMLElement {
  const item = (cls: string, iconName: string, text: string) => h('div', {}, h('span', { class: `swatch ${cls}` }), icon(iconName), text);
  return h(
    'div',
    { class: 'legend', 'aria-label': 'Legend' },
    item('mtls', 'lock', 'mutual TLS'),
    item('permissive', 'unlock', 'mTLS, server also takes plaintext'),
    item('plaintext', 'warning', 'plaintext'),
    item('denied', 'close', 'denied by policy'),
    item('verified', 'check', 'verified by sandbox (thin: predicted)'),
    h('div', {}, icon('debug-disconnect'), 'no sidecar  ', icon('account'), 'default SA  ', icon('error'), 'findings'),
  );
}
