// Helm charts and kustomizations: rendered with helm / kubectl from PATH (faked here), or skipped with one notice.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { defaultConfig } from '../../../src/config/load';
import { findExecutable } from '../../../src/model/render';
import { loadWorkspace } from '../../../src/model/workspace';
import { lint } from '../../../src/rules/engine';
import { peerAuthenticationNotStrict } from '../../../src/rules/mtls/peerAuthenticationNotStrict';

const TEMPLATE = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: {{ .Release.Name }}-pa
  namespace: {{ .Values.namespace }}
spec:
  mtls:
    mode: {{ .Values.mode }}
`;

const PLAIN_TEMPLATE = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: legacy
spec:
  mtls:
    mode: {{ .Values.mode }}
`;

// What `helm template shop <dir>` prints for the chart above (values: namespace=shop, mode=PERMISSIVE).
const HELM_OUTPUT = `---
# Source: shop/templates/pa.yaml
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: shop-pa
  namespace: shop
spec:
  mtls:
    mode: PERMISSIVE
---
# Source: shop/templates/legacy.yaml
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: legacy
spec:
  mtls:
    mode: DISABLE
`;

describe('helm and kustomize rendering', () => {
  let dir: string;
  let bin: string;
  const savedPath = process.env.PATH;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ztn-render-'));
    bin = join(dir, 'bin');
    mkdirSync(bin);
    const chart = join(dir, 'ws', 'charts', 'shop');
    mkdirSync(join(chart, 'templates'), { recursive: true });
    writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: shop\nversion: 0.1.0\n');
    writeFileSync(join(chart, 'values.yaml'), 'namespace: shop\nmode: PERMISSIVE\nkind: notAManifest\n');
    writeFileSync(join(chart, 'templates', 'pa.yaml'), TEMPLATE);
    writeFileSync(join(chart, 'templates', 'legacy.yaml'), PLAIN_TEMPLATE);
    writeFileSync(join(chart, 'templates', '_helpers.tpl'), '{{- define "x" -}}{{- end -}}\n');
  });
  afterEach(() => {
    process.env.PATH = savedPath;
    rmSync(dir, { recursive: true, force: true });
  });

  const fakeTool = (name: string, stdout: string, exit = 0) => {
    const out = join(bin, `${name}.out`);
    writeFileSync(out, stdout);
    writeFileSync(join(bin, name), `#!/bin/sh\ncat '${out}'\n${exit ? `echo 'Error: chart is broken' >&2\nexit ${exit}\n` : ''}`);
    chmodSync(join(bin, name), 0o755);
  };
  const lintWs = () => {
    const ws = join(dir, 'ws');
    const index = loadWorkspace([ws], defaultConfig(ws), { helm: findExecutable('helm', bin), kubectl: findExecutable('kubectl', bin) });
    const result = lint(index, { rules: [peerAuthenticationNotStrict] });
    return result.findings.map((f) => `${f.file.slice(ws.length + 1)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId} ${f.message}`);
  };

  it('renders a chart with helm and maps findings to the template, at the name line or line 1', () => {
    fakeTool('helm', HELM_OUTPUT);
    const got = lintWs();
    assert.deepEqual(got, [
      // metadata.name `legacy` is written literally in the template: the finding points at it.
      'charts/shop/templates/legacy.yaml:4:9 ZT0201 mTLS mode DISABLE accepts plaintext; set spec.mtls.mode to STRICT once every client has a sidecar (in helm output for PeerAuthentication legacy)',
      // `shop-pa` comes from {{ .Release.Name }}: line 1 of the template, saying it came from rendered output.
      'charts/shop/templates/pa.yaml:1:1 ZT0201 mTLS mode PERMISSIVE accepts plaintext; set spec.mtls.mode to STRICT once every client has a sidecar (found in helm-rendered output for PeerAuthentication shop/shop-pa)',
    ]);
  });

  it('finds helm on PATH by itself', () => {
    fakeTool('helm', HELM_OUTPUT);
    process.env.PATH = `${bin}${delimiter}${savedPath}`;
    const ws = join(dir, 'ws');
    const index = loadWorkspace([ws], defaultConfig(ws));
    assert.equal(lint(index, { rules: [peerAuthenticationNotStrict] }).findings.length, 2);
  });

  it("offers no fix on rendered output (its offsets are not the template's)", () => {
    fakeTool('helm', HELM_OUTPUT);
    const ws = join(dir, 'ws');
    const index = loadWorkspace([ws], defaultConfig(ws), { helm: findExecutable('helm', bin) });
    const findings = lint(index, { rules: [peerAuthenticationNotStrict] }).findings;
    assert.equal(findings.length, 2);
    assert.ok(findings.every((f) => f.fix === undefined));
  });

  it('a failing helm gives one notice on Chart.yaml', () => {
    fakeTool('helm', '', 1);
    assert.deepEqual(lintWs(), ['charts/shop/Chart.yaml:1:1 ZT0002 not rendered: helm template failed: Error: chart is broken']);
  });

  it('without helm: one notice per template with actions, a notice on Chart.yaml, no parse errors, values.yaml ignored', () => {
    const got = lintWs();
    assert.deepEqual(got, [
      'charts/shop/Chart.yaml:1:1 ZT0002 Helm chart not rendered: helm is not on PATH; templates with {{ }} are skipped',
      'charts/shop/templates/legacy.yaml:1:1 ZT0002 skipped: template file ({{ ... }}); install helm to render and lint it',
      'charts/shop/templates/pa.yaml:1:1 ZT0002 skipped: template file ({{ ... }}); install helm to render and lint it',
    ]);
  });

  it('renders a kustomization with kubectl and maps objects to the input file that declares them', () => {
    const k = join(dir, 'ws', 'overlay');
    mkdirSync(k, { recursive: true });
    writeFileSync(
      join(k, 'kustomization.yaml'),
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [pa.yaml]\nnamePrefix: ""\npatches: [{path: patch.yaml}]\n',
    );
    writeFileSync(
      join(k, 'pa.yaml'),
      'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: shop\n  namespace: shop\nspec:\n  mtls:\n    mode: STRICT\n',
    );
    writeFileSync(
      join(k, 'patch.yaml'),
      'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: shop\nspec:\n  mtls:\n    mode: PERMISSIVE\n',
    );
    rmSync(join(dir, 'ws', 'charts'), { recursive: true });
    fakeTool(
      'kubectl',
      'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: shop\n  namespace: shop\nspec:\n  mtls:\n    mode: PERMISSIVE\n',
    );
    const got = lintWs();
    assert.equal(got.length, 1, got.join('\n'));
    assert.match(got[0], /^overlay\/pa\.yaml:4:9 ZT0201 mTLS mode PERMISSIVE .*\(in kustomize output for PeerAuthentication shop\/shop\)$/);
  });

  it("without kubectl a kustomization's files are linted as written, with one notice", () => {
    const k = join(dir, 'ws', 'base');
    mkdirSync(k, { recursive: true });
    writeFileSync(join(k, 'kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [pa.yaml]\n');
    writeFileSync(
      join(k, 'pa.yaml'),
      'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: shop, namespace: shop}\nspec:\n  mtls: {mode: DISABLE}\n',
    );
    rmSync(join(dir, 'ws', 'charts'), { recursive: true });
    const got = lintWs();
    assert.deepEqual(
      got.map((g) => g.split(' ').slice(0, 2).join(' ')),
      ['base/kustomization.yaml:1:1 ZT0002', 'base/pa.yaml:5:16 ZT0201'],
    );
  });
});
