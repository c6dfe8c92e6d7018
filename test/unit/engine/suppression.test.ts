// Suppressions (annotation, comment, ztn.yaml) and the findings about suppressions themselves.
import assert from 'node:assert/strict';
import { defaultConfig } from '../../../src/config/load';
import type { WorkspaceConfig } from '../../../src/model/config';
import { WorkspaceIndex } from '../../../src/model/workspace';
import { containersOf } from '../../../src/model/workloads';
import { lint } from '../../../src/rules/engine';
import { peerAuthenticationNotStrict } from '../../../src/rules/mtls/peerAuthenticationNotStrict';
import type { Rule } from '../../../src/rules/types';

/** Test-only rule: every container without resources.limits, reported at the container's name. */
const containerWithoutLimits: Rule = {
  meta: {
    id: 'ZT0499',
    pillar: 4,
    severity: 'warning',
    title: 'test: container without limits',
    description: 'test rule',
    fixable: false,
    kinds: ['Deployment'],
  },
  checkResource(r, ctx) {
    for (const c of containersOf(r))
      if (!c.container.resources) ctx.report({ resource: r, path: [...c.path, 'name'], message: `container ${String(c.container.name)} has no limits` });
  },
};
const RULES = [peerAuthenticationNotStrict, containerWithoutLimits];

const PERMISSIVE = (extra = '') => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: legacy
${extra}spec:
  mtls:
    mode: PERMISSIVE
`;

function run(files: Record<string, string>, config: Partial<WorkspaceConfig> = {}, only?: string[]) {
  const index = new WorkspaceIndex({ ...defaultConfig('/w'), file: '/w/ztn.yaml', ...config });
  for (const [p, t] of Object.entries(files)) index.setFile(p, t);
  const result = lint(index, { rules: RULES, files: only ? new Set(only) : undefined });
  const fmt = (f: (typeof result.findings)[number]) => `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId}`;
  return { shown: result.findings.map(fmt), hidden: result.suppressed.map((f) => `${fmt(f)} by ${f.suppressedBy}`), result };
}

describe('suppressions', () => {
  it('without a suppression the finding is reported', () => {
    assert.deepEqual(run({ '/w/a.yaml': PERMISSIVE() }).shown, ['/w/a.yaml:8:11 ZT0201']);
  });

  it('ztn.dev/ignore annotation on the object hides its findings', () => {
    const r = run({ '/w/a.yaml': PERMISSIVE('  annotations:\n    ztn.dev/ignore: "ZT0201"\n') });
    assert.deepEqual(r.shown, []);
    assert.deepEqual(r.hidden, ['/w/a.yaml:10:11 ZT0201 by annotation']);
  });

  it('ztn.dev/ignore annotation on a pod template covers the workload', () => {
    const deploy = `apiVersion: apps/v1
kind: Deployment
metadata: {name: d, namespace: shop}
spec:
  template:
    metadata:
      annotations:
        ztn.dev/ignore: ZT0201, ZT0499
    spec:
      containers:
        - name: app
`;
    const r = run({ '/w/d.yaml': deploy });
    assert.deepEqual(r.hidden, ['/w/d.yaml:11:17 ZT0499 by annotation']);
    // ZT0201 has nothing to suppress on a Deployment: that part of the annotation is reported.
    assert.deepEqual(r.shown, ['/w/d.yaml:8:25 ZT0004']);
    assert.match(r.result.findings[0].message, /annotation of ZT0201 suppresses nothing/);
  });

  it('# ztn-ignore on the line above a node hides findings in that node only', () => {
    const text = PERMISSIVE().replace('    mode: PERMISSIVE', '    # ztn-ignore ZT0201: legacy batch clients until Q3\n    mode: PERMISSIVE');
    const r = run({ '/w/a.yaml': text });
    assert.deepEqual(r.shown, []);
    assert.deepEqual(r.hidden, ['/w/a.yaml:9:11 ZT0201 by comment: legacy batch clients until Q3']);
  });

  it('# ztn-ignore above the object covers all of it; elsewhere it covers nothing and is reported', () => {
    const above = run({ '/w/a.yaml': `# ztn-ignore ZT0201\n${PERMISSIVE()}` });
    assert.deepEqual(above.shown, []);
    const wrong = run({ '/w/a.yaml': PERMISSIVE().replace('  namespace: legacy', '  # ztn-ignore ZT0201\n  namespace: legacy') });
    assert.deepEqual(wrong.shown, ['/w/a.yaml:5:3 ZT0004', '/w/a.yaml:9:11 ZT0201']);
  });

  it('a suppression naming an unknown rule is reported and hides nothing', () => {
    const r = run({ '/w/a.yaml': PERMISSIVE('  annotations: {ztn.dev/ignore: "ZT9999"}\n') });
    assert.deepEqual(r.shown, ['/w/a.yaml:6:33 ZT0003', '/w/a.yaml:9:11 ZT0201']);
    assert.match(r.result.findings[0].message, /unknown rule ID 'ZT9999'/);
  });

  it('ztn.yaml ignore entries match path globs relative to ztn.yaml; unused ones are reported at the entry', () => {
    const entryRange = { start: { line: 12, character: 4 }, end: { line: 12, character: 4 } };
    const config = {
      ignore: [
        { rule: 'ZT0201', path: 'vendor/**', reason: 'upstream chart' },
        { rule: 'ZT0201', path: 'nowhere/**', range: entryRange },
      ],
    };
    const r = run({ '/w/vendor/istio/pa.yaml': PERMISSIVE(), '/w/app/pa.yaml': PERMISSIVE() }, config);
    assert.deepEqual(r.shown, ['/w/app/pa.yaml:8:11 ZT0201', '/w/ztn.yaml:13:5 ZT0004']);
    assert.deepEqual(r.hidden, ['/w/vendor/istio/pa.yaml:8:11 ZT0201 by config: upstream chart']);
  });

  it('rules.notSuppressible keeps the finding and reports the suppression', () => {
    const r = run({ '/w/a.yaml': PERMISSIVE('  annotations: {ztn.dev/ignore: "ZT0201"}\n') }, { notSuppressible: ['ZT0201'] });
    assert.deepEqual(r.shown, ['/w/a.yaml:6:33 ZT0005', '/w/a.yaml:9:11 ZT0201']);
    assert.deepEqual(r.hidden, []);
  });

  it('severity overrides and off apply to findings and to suppression findings', () => {
    const warn = run({ '/w/a.yaml': PERMISSIVE() }, { rules: { ZT0201: { severity: 'warning' } } });
    assert.equal(warn.result.findings[0].severity, 'warning');
    assert.deepEqual(run({ '/w/a.yaml': PERMISSIVE() }, { rules: { ZT0201: { severity: 'off' } } }).shown, []);
    const quiet = run({ '/w/a.yaml': PERMISSIVE('  annotations: {ztn.dev/ignore: "ZT9999"}\n') }, { rules: { ZT0003: { severity: 'off' } } });
    assert.deepEqual(quiet.shown, ['/w/a.yaml:9:11 ZT0201']);
  });

  it('linting some files reports only theirs and does not call ztn.yaml entries unused', () => {
    const config = { ignore: [{ rule: 'ZT0201', path: 'nowhere/**' }] };
    const r = run({ '/w/a.yaml': PERMISSIVE(), '/w/b.yaml': PERMISSIVE() }, config, ['/w/b.yaml']);
    assert.deepEqual(r.shown, ['/w/b.yaml:8:11 ZT0201']);
    assert.equal(r.result.filesChecked, 1);
  });
});
