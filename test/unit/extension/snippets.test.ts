import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintFiles } from './fixtures';

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

const snippets = JSON.parse(readFileSync(join(__dirname, '../../../snippets/zero-trust.code-snippets'), 'utf8')) as Record<string, Snippet>;

/** The text VS Code inserts when the user accepts every default. */
function expand(body: string[]): string {
  return (
    body
      .join('\n')
      .replace(/\$\{\d+:([^}]*)\}/g, '$1')
      .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
      .replace(/\$\d+/g, '') + '\n'
  );
}

const expectations: { prefix: string; kind: string; absent?: string[] }[] = [
  { prefix: 'ztn-pa-mesh', kind: 'PeerAuthentication', absent: ['ZT0201'] },
  { prefix: 'ztn-pa-namespace', kind: 'PeerAuthentication', absent: ['ZT0201'] },
  { prefix: 'ztn-pa-workload', kind: 'PeerAuthentication', absent: ['ZT0201'] },
  { prefix: 'ztn-pa-port', kind: 'PeerAuthentication', absent: ['ZT0201', 'ZT0207'] },
  { prefix: 'ztn-authz-allow-nothing', kind: 'AuthorizationPolicy' },
  { prefix: 'ztn-authz-principal', kind: 'AuthorizationPolicy' },
  { prefix: 'ztn-netpol-default-deny', kind: 'NetworkPolicy' },
  { prefix: 'ztn-egress-registry-only', kind: 'Sidecar' },
  { prefix: 'ztn-telemetry-access-log', kind: 'Telemetry', absent: ['ZT0605'] },
  { prefix: 'ztn-certificate', kind: 'Certificate', absent: ['ZT0603'] },
  { prefix: 'ztn-external-secret', kind: 'ExternalSecret' },
  { prefix: 'ztn-traffic', kind: 'TrafficReplay' },
];

describe('extension: zero-trust snippets', () => {
  it('has exactly the snippets the issue lists, each with a description', () => {
    assert.deepEqual(
      Object.values(snippets)
        .map((s) => s.prefix)
        .sort(),
      expectations.map((e) => e.prefix).sort(),
    );
    for (const s of Object.values(snippets)) assert.ok(s.description.length > 10, s.prefix);
  });

  for (const e of expectations) {
    it(`${e.prefix} expands to a valid ${e.kind} that the linter accepts`, () => {
      const snippet = Object.values(snippets).find((s) => s.prefix === e.prefix)!;
      const text = expand(snippet.body);
      const { index, findings } = lintFiles({ '/ws/snippet.yaml': text });
      assert.deepEqual(
        findings.filter((f) => f.ruleId === 'ZT0001').map((f) => f.message),
        [],
        'parses',
      );
      const file = index.files.get('/ws/snippet.yaml')!;
      if (e.kind === 'TrafficReplay') {
        // ztn.dev documents are never manifests: the file has no resources and nothing to report.
        assert.equal(file.resources.length, 0);
        assert.match(text, /kind: TrafficReplay/);
        return;
      }
      assert.deepEqual(
        file.resources.map((r) => r.kind),
        [e.kind],
      );
      for (const id of e.absent ?? []) assert.equal(findings.filter((f) => f.ruleId === id).length, 0, `${id} must not fire on the snippet`);
    });
  }

  it('typing in a placeholder does not pop up other ztn snippets', () => {
    // An active snippet stops quick suggestions in YAML, so a word typed into a placeholder (a namespace, an app label)
    // is not completed to another ztn-* snippet; Tab still moves to the next placeholder.
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
      contributes: { configurationDefaults?: Record<string, Record<string, unknown>> };
    };
    assert.equal(manifest.contributes.configurationDefaults?.['[yaml]']?.['editor.suggest.snippetsPreventQuickSuggestions'], true);
    // And no placeholder offers text that is itself a snippet prefix.
    const prefixes = Object.values(snippets).map((s) => s.prefix);
    for (const s of Object.values(snippets)) {
      const defaults = [...s.body.join('\n').matchAll(/\$\{\d+[:|]([^}]*)\}/g)].map((m) => m[1]);
      for (const d of defaults) assert.ok(!prefixes.some((p) => d.includes(p)) && !/\bztn-/.test(d), `${s.prefix}: placeholder '${d}'`);
    }
  });
});
