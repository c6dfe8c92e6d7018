// The side panel: identity, policies, composed mTLS mode and findings of a node; the explanation chain of an edge.
import type { Caveat, ExplanationStep } from '../src/policy/types';
import { STATE_STYLES } from '../src/graph/legend';
import type { EdgeCall, GraphEdge, GraphGroup, GraphNode, SourceLink, TrustGraph } from '../src/graph/types';
import { h, icon, type Child } from './dom';

export interface PanelActions {
  open(link: SourceLink): void;
  select(id: string): void;
  focus(id: string): void;
  /** Standalone pages show links as file paths; in VS Code they open the editor. */
  linkHref(link: SourceLink): string;
}

const SEVERITY_ICON = { error: 'error', warning: 'warning', info: 'info' } as const;
const STATE_ICON = { mtls: 'lock', permissive: 'unlock', plaintext: 'warning', denied: 'close' } as const;

function link(actions: PanelActions, target: SourceLink | undefined, text?: string): Child {
  if (!target?.file) return undefined;
  const a = h(
    'a',
    { href: actions.linkHref(target), class: 'source-link', 'data-file': target.file, 'data-line': String(target.line) },
    text ?? `${target.file}:${target.line}`,
  );
  a.addEventListener('click', (e) => {
    e.preventDefault();
    actions.open(target);
  });
  return a;
}

function section(title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'panel-section' }, h('h3', {}, title), ...children);
}

function row(label: string, ...value: Child[]): HTMLElement {
  return h('div', { class: 'row' }, h('span', { class: 'row-label' }, label), h('span', { class: 'row-value' }, ...value));
}

/** What the prediction rests on that the manifests do not settle: shown with the call, never hidden. */
function caveatList(actions: PanelActions, list: readonly Caveat[]): HTMLElement {
  return h(
    'div',
    { class: 'caveats' },
    h('div', { class: 'explanation-title' }, icon('warning'), ' Caveats'),
    h(
      'ul',
      {},
      ...list.map((c) =>
        h(
          'li',
          { class: `caveat caveat-${c.kind}` },
          c.detail,
          c.file && c.line ? h('span', {}, ' ', link(actions, { file: c.file, line: c.line })) : undefined,
        ),
      ),
    ),
  );
}

function steps(actions: PanelActions, list: readonly ExplanationStep[]): HTMLElement {
  return h(
    'ol',
    { class: 'explanation' },
    ...list.map((s) =>
      h(
        'li',
        { class: `step step-${s.step}` },
        h('span', { class: 'step-kind' }, s.step),
        ' ',
        s.policy ? h('span', { class: 'step-policy' }, s.policy) : undefined,
        s.policy ? ' ' : undefined,
        s.file && s.line ? link(actions, { file: s.file, line: s.line }) : undefined,
        h('div', { class: 'step-detail' }, s.detail),
      ),
    ),
  );
}

function button(label: string, iconName: string, onClick: () => void): HTMLElement {
  const b = h('vscode-button' as 'button', { secondary: '', class: 'panel-button' }, icon(iconName), ` ${label}`);
  b.addEventListener('click', onClick);
  return b;
}

export function renderNode(container: HTMLElement, n: GraphNode, graph: TrustGraph, actions: PanelActions): void {
  const outgoing = graph.edges.filter((e) => e.source === n.id);
  const incoming = graph.edges.filter((e) => e.target === n.id);
  const kindText = n.kind === 'gateway' ? `${n.gatewayRole ?? ''} gateway` : n.kind === 'external' ? 'external host' : (n.objectKind ?? 'workload');
  const edgeList = (edges: GraphEdge[], other: (e: GraphEdge) => string) =>
    h(
      'ul',
      { class: 'edge-list' },
      ...edges.map((e) => {
        const a = h(
          'a',
          { href: '#', class: `edge-link ${e.state}` },
          icon(STATE_ICON[e.state], STATE_STYLES[e.state].label),
          ` ${other(e)}:${e.port}`,
          e.verified ? icon('check', 'verified by sandbox') : undefined,
        );
        a.addEventListener('click', (ev) => {
          ev.preventDefault();
          actions.select(e.id);
        });
        return h('li', {}, a);
      }),
    );
  const parts: Child[] = [
    h(
      'header',
      { class: 'panel-header' },
      h('h2', {}, n.label),
      h('div', { class: 'panel-subtitle' }, `${kindText} · ${n.cluster}${n.namespace ? ' / ' + n.namespace : ''}`),
    ),
    h(
      'div',
      { class: 'panel-actions' },
      button('Focus', 'target', () => actions.focus(n.id)),
      n.source ? button('Open', 'go-to-file', () => actions.open(n.source!)) : undefined,
    ),
    n.kind !== 'external'
      ? section(
          'Identity',
          row('SPIFFE ID', h('code', {}, n.identity ?? 'none')),
          row(
            'ServiceAccount',
            n.serviceAccount ?? 'default',
            n.defaultServiceAccount ? h('span', { class: 'badge warn' }, ' shared default identity') : undefined,
          ),
          row('Sidecar', n.sidecar ? 'injected' : h('span', { class: 'badge warn' }, 'none: no mesh identity, plaintext only')),
          row('Declared in', link(actions, n.source)),
        )
      : section(
          'Hosts',
          ...(n.hosts ?? []).map((x) => h('div', {}, h('code', {}, x))),
          ...(n.addresses ?? []).map((x) => h('div', {}, h('code', {}, x))),
          row('Declared in', link(actions, n.source) ?? 'not in the manifests'),
        ),
    n.mtls.length > 0
      ? section(
          `Composed mTLS mode: ${n.mtlsMode ?? ''}`,
          ...n.mtls.map((m) =>
            h(
              'div',
              { class: 'mtls-port' },
              h('div', { class: 'mtls-mode' }, `${m.port !== undefined ? 'port ' + m.port : 'all ports'}: ${m.mode}`),
              steps(actions, m.sources),
            ),
          ),
        )
      : undefined,
    section(
      `Policies that select it (${n.policies.length})`,
      n.policies.length === 0
        ? h('p', { class: 'empty' }, 'none')
        : h('ul', {}, ...n.policies.map((p) => h('li', {}, p.policy, ' ', link(actions, p.file ? { file: p.file, line: p.line ?? 1 } : undefined)))),
    ),
    section(
      `Findings (${n.findings.length})`,
      n.findings.length === 0
        ? h('p', { class: 'empty' }, 'none')
        : h(
            'ul',
            { class: 'findings' },
            ...n.findings.map((f) =>
              h('li', { class: `finding ${f.severity}` }, icon(SEVERITY_ICON[f.severity], f.severity), ` ${f.ruleId} `, f.message, ' ', link(actions, f)),
            ),
          ),
    ),
    section(
      `Calls out (${outgoing.length})`,
      edgeList(outgoing, (e) => e.target),
    ),
    section(
      `Calls in (${incoming.length})`,
      edgeList(incoming, (e) => e.source),
    ),
  ];
  container.replaceChildren(...parts.filter((p): p is Node => p instanceof Node));
}

function callBlock(c: EdgeCall, actions: PanelActions): HTMLElement {
  const observed = c.observed;
  return h(
    'div',
    { class: `call ${c.allowed ? 'allowed' : 'denied'}` },
    h('div', { class: 'call-title' }, `${c.name ?? '(unnamed call)'} · ${c.origin}`),
    row('Verdict', c.verdict),
    row('mTLS', c.mtls ? 'yes' : 'no'),
    c.reference ? row('Reference', c.reference.detail, ' ', link(actions, c.reference)) : undefined,
    c.expectation ? row('Expectation', c.expectation.ok ? 'met' : `failed: ${(c.expectation.failures ?? []).join('; ')}`) : undefined,
    observed
      ? row(
          'Observed',
          `${observed.outcome}${observed.status !== undefined ? ' ' + observed.status : ''}${observed.tlsVersion ? ' · ' + observed.tlsVersion : ''}`,
          observed.clientIdentity ? h('div', {}, 'client ', h('code', {}, observed.clientIdentity)) : undefined,
          observed.serverIdentity ? h('div', {}, 'server ', h('code', {}, observed.serverIdentity)) : undefined,
          h(
            'div',
            { class: c.agrees ? 'agrees' : 'disagrees' },
            icon(c.agrees ? 'check' : 'close'),
            c.agrees ? ' agrees with the prediction' : ' differs from the prediction',
          ),
        )
      : row('Observed', 'not run in a sandbox (prediction only)'),
    h('div', { class: 'explanation-title' }, 'Explanation'),
    steps(actions, c.explanation),
    c.caveats?.length ? caveatList(actions, c.caveats) : undefined,
  );
}

export function renderEdge(container: HTMLElement, e: GraphEdge, graph: TrustGraph, actions: PanelActions): void {
  const name = (id: string) => graph.nodes.find((n) => n.id === id)?.label ?? id;
  const nodeLink = (id: string) => {
    const a = h('a', { href: '#' }, name(id));
    a.addEventListener('click', (ev) => {
      ev.preventDefault();
      actions.select(id);
    });
    return a;
  };
  container.replaceChildren(
    h(
      'header',
      { class: 'panel-header' },
      h('h2', {}, nodeLink(e.source), ' → ', nodeLink(e.target), `:${e.port}`),
      h('div', { class: `panel-subtitle state ${e.state}` }, icon(STATE_ICON[e.state]), ` ${STATE_STYLES[e.state].label}`),
    ),
    section(
      'Summary',
      row('Verdict', e.verdict),
      row('Known from', e.origins.join(', ')),
      row(
        'Sandbox',
        e.verified
          ? h('span', { class: 'agrees' }, icon('check'), ' verified on the wire')
          : e.disagrees
            ? h('span', { class: 'disagrees' }, icon('close'), ' observation differs')
            : 'predicted only',
      ),
    ),
    section(`Calls (${e.calls.length})`, ...e.calls.map((c) => callBlock(c, actions))),
  );
}

export function renderGroup(container: HTMLElement, g: GraphGroup, graph: TrustGraph, collapsed: boolean, toggle: () => void): void {
  const inside = graph.nodes.filter((n) => n.parent === g.id || graph.groups.some((x) => x.parent === g.id && x.id === n.parent));
  container.replaceChildren(
    h('header', { class: 'panel-header' }, h('h2', {}, g.label), h('div', { class: 'panel-subtitle' }, g.kind)),
    h('div', { class: 'panel-actions' }, button(collapsed ? 'Expand' : 'Collapse', collapsed ? 'expand-all' : 'collapse-all', toggle)),
    section(`Contains (${inside.length})`, h('ul', {}, ...inside.map((n) => h('li', {}, n.label)))),
  );
}
