import assert from 'node:assert/strict';
import { changedFiles, diagnosticsByFile, diagnosticsSignature, toDiagnosticData } from '../../../src/extension/diagnosticData';
import { applyEditorSettings, DEFAULT_EDITOR_SETTINGS, sandboxEngineFor } from '../../../src/extension/editorSettings';
import { defaultConfig } from '../../../src/config/load';
import { lintFiles, PERMISSIVE_YAML } from './fixtures';

describe('extension: diagnostics data', () => {
  it('maps a finding to an exact range, its severity, source ztn and the rule docs link', () => {
    const { findings } = lintFiles({ '/ws/pa.yaml': PERMISSIVE_YAML });
    const f = findings.find((x) => x.ruleId === 'ZT0201');
    assert.ok(f, 'ZT0201 fires on PERMISSIVE');
    const d = toDiagnosticData(f);
    assert.deepEqual(d.range, { start: { line: 7, character: 10 }, end: { line: 7, character: 20 } });
    assert.equal(d.severity, 'error');
    assert.equal(d.source, 'ztn');
    assert.equal(d.code.value, 'ZT0201');
    assert.equal(d.code.target, 'command:ztn.showRuleDocs?%5B%22ZT0201%22%5D', 'the bundled page, through the command');
    assert.deepEqual(JSON.parse(decodeURIComponent(d.code.target.split('?')[1])), ['ZT0201']);
  });

  it('gives every known file an entry, so a fixed file publishes an empty list', () => {
    const { findings } = lintFiles({ '/ws/pa.yaml': PERMISSIVE_YAML, '/ws/empty.yaml': 'kind: ConfigMap\napiVersion: v1\nmetadata: {name: x}\n' });
    const byFile = diagnosticsByFile(findings, ['/ws/pa.yaml', '/ws/empty.yaml']);
    assert.deepEqual(byFile.get('/ws/empty.yaml'), []);
    assert.ok(byFile.get('/ws/pa.yaml')!.some((d) => d.code.value === 'ZT0201'));
  });

  it('leaves parse errors out where another YAML tool reports syntax, and keeps them elsewhere', () => {
    const broken = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [x\n';
    const { findings } = lintFiles({ '/ws/broken.yaml': broken });
    assert.ok(
      findings.some((f) => f.ruleId === 'ZT0001'),
      'fixture produces a parse error',
    );
    const withYamlTool = diagnosticsByFile(findings, ['/ws/broken.yaml'], { syntaxCheckedElsewhere: () => true });
    assert.equal(withYamlTool.get('/ws/broken.yaml')!.filter((d) => d.code.value === 'ZT0001').length, 0);
    const alone = diagnosticsByFile(findings, ['/ws/broken.yaml'], { syntaxCheckedElsewhere: () => false });
    assert.ok(alone.get('/ws/broken.yaml')!.some((d) => d.code.value === 'ZT0001'));
  });

  it('reports only the files whose diagnostics changed', () => {
    const { findings } = lintFiles({ '/ws/pa.yaml': PERMISSIVE_YAML, '/ws/other.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n' });
    const first = diagnosticsByFile(findings, ['/ws/pa.yaml', '/ws/other.yaml']);
    const published = new Map([...first].map(([f, l]) => [f, diagnosticsSignature(l)]));
    assert.deepEqual(changedFiles(first, published), []);
    const fixed = lintFiles({
      '/ws/pa.yaml': PERMISSIVE_YAML.replace('PERMISSIVE', 'STRICT'),
      '/ws/other.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n',
    });
    const second = diagnosticsByFile(fixed.findings, ['/ws/pa.yaml', '/ws/other.yaml']);
    const changed = changedFiles(second, published);
    assert.ok(changed.includes('/ws/pa.yaml'));
    assert.equal(
      changed.includes('/ws/other.yaml'),
      diagnosticsSignature(first.get('/ws/other.yaml')!) !== diagnosticsSignature(second.get('/ws/other.yaml')!),
    );
  });
});

describe('extension: editor settings over ztn.yaml', () => {
  const base = { ...defaultConfig('/ws'), rules: { ZT0201: { severity: 'error' as const } } };
  const cases: { name: string; settings: Partial<typeof DEFAULT_EDITOR_SETTINGS>; rule: string; expected: string | undefined }[] = [
    { name: 'ztn.yaml severity stays without a setting', settings: {}, rule: 'ZT0201', expected: 'error' },
    { name: 'setting overrides ztn.yaml', settings: { severity: { ZT0201: 'info' } }, rule: 'ZT0201', expected: 'info' },
    { name: 'lower-case IDs are accepted', settings: { severity: { zt0101: 'warning' } }, rule: 'ZT0101', expected: 'warning' },
    { name: 'disabled rules are off', settings: { disabled: ['ZT0201'] }, rule: 'ZT0201', expected: 'off' },
    { name: 'invalid severity values are ignored', settings: { severity: { ZT0201: 'loud' as 'info' } }, rule: 'ZT0201', expected: 'error' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const config = applyEditorSettings(base, { ...DEFAULT_EDITOR_SETTINGS, ...c.settings });
      assert.equal(config.rules[c.rule]?.severity, c.expected);
    });
  }

  it('a disabled rule produces no diagnostics and a severity setting changes the diagnostic', () => {
    const off = lintFiles({ '/ws/pa.yaml': PERMISSIVE_YAML }, applyEditorSettings(defaultConfig('/ws'), { ...DEFAULT_EDITOR_SETTINGS, disabled: ['ZT0201'] }));
    assert.equal(off.findings.filter((f) => f.ruleId === 'ZT0201').length, 0);
    const info = lintFiles(
      { '/ws/pa.yaml': PERMISSIVE_YAML },
      applyEditorSettings(defaultConfig('/ws'), { ...DEFAULT_EDITOR_SETTINGS, severity: { ZT0201: 'info' } }),
    );
    assert.equal(info.findings.find((f) => f.ruleId === 'ZT0201')?.severity, 'info');
  });

  it('FIPS mode is on when either the setting or ztn.yaml turns it on', () => {
    assert.equal(applyEditorSettings({ ...base, fips: false }, { ...DEFAULT_EDITOR_SETTINGS, fips: true }).fips, true);
    assert.equal(applyEditorSettings({ ...base, fips: true }, { ...DEFAULT_EDITOR_SETTINGS, fips: false }).fips, true);
    assert.equal(applyEditorSettings({ ...base, fips: false }, DEFAULT_EDITOR_SETTINGS).fips, false);
  });

  it('picks the sandbox engine from the setting, then ztn.yaml, then local', () => {
    assert.equal(sandboxEngineFor({ ...base, sandbox: { engine: 'kind', certLifetime: '1h' } }, DEFAULT_EDITOR_SETTINGS), 'kind');
    assert.equal(sandboxEngineFor({ ...base, sandbox: { engine: 'kind', certLifetime: '1h' } }, { ...DEFAULT_EDITOR_SETTINGS, engine: 'local' }), 'local');
    assert.equal(sandboxEngineFor(undefined, DEFAULT_EDITOR_SETTINGS), 'local');
  });
});
