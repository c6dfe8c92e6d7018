// Reading manifests: multi-doc, JSON, Lists, unknown kinds, and bad input that must never throw.
import assert from 'node:assert/strict';
import { parseSourceFile } from '../../../src/model/parse';

const names = (text: string, path = '/w/m.yaml', maxFileBytes?: number) => {
  const f = parseSourceFile(path, text, { maxFileBytes });
  return {
    resources: f.resources.map((r) => `${r.kind}/${r.namespace ?? ''}/${r.name}`),
    problems: f.problems.map((p) => `${p.code}@${p.range.start.line + 1}:${p.range.start.character + 1} ${p.message}`),
    skipped: f.skipped,
  };
};

describe('parseSourceFile', () => {
  const table: { name: string; path?: string; text: string; resources: string[]; problems?: RegExp[] }[] = [
    {
      name: 'multi-document YAML with comments and an empty document',
      text: '# header\napiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: shop}\n---\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: b\n',
      resources: ['Service/shop/a', 'Deployment//b'],
    },
    {
      name: '.json file (kubectl get -o json), tab indented',
      path: '/w/svc.json',
      text: '{\n\t"apiVersion": "v1",\n\t"kind": "Service",\n\t"metadata": {\n\t\t"name": "j",\n\t\t"namespace": "x"\n\t}\n}\n',
      resources: ['Service/x/j'],
    },
    {
      name: 'kind: List from kubectl get -o yaml',
      text: 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: p1}\n- apiVersion: v1\n  kind: ServiceAccount\n  metadata: {name: s1}\nmetadata: {resourceVersion: ""}\n',
      resources: ['Pod//p1', 'ServiceAccount//s1'],
    },
    {
      name: 'typed list whose items omit kind (PodList)',
      text: 'apiVersion: v1\nkind: PodList\nitems:\n- metadata: {name: p1}\n- metadata: {name: p2}\n',
      resources: ['Pod//p1', 'Pod//p2'],
    },
    {
      name: 'DeploymentList in JSON',
      path: '/w/list.json',
      text: '{"apiVersion":"apps/v1","kind":"DeploymentList","items":[{"metadata":{"name":"d1"}}]}',
      resources: ['Deployment//d1'],
    },
    {
      name: 'unknown kinds are kept; ztn.dev documents and kind-less YAML are not manifests',
      text: 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n---\napiVersion: ztn.dev/v1alpha1\nkind: TrafficReplay\nmetadata: {name: t}\n---\nreplicaCount: 3\n',
      resources: ['Widget//w'],
    },
    {
      name: 'malformed document: a parse finding at its position, the other documents still parsed',
      text: 'kind: A\nmetadata: {name: a}\n---\nkind: B\nmetadata:\n  name: b\n   bad: [\n---\nkind: C\nmetadata: {name: c}\n',
      resources: ['A//a', 'C//c'],
      problems: [/^parse@6:\d+ .*more error/],
    },
    {
      name: 'YAML merge keys are applied, as kubectl applies them',
      text: 'kind: List\nitems:\n- kind: ConfigMap\n  metadata: &m {name: a, namespace: n}\n- kind: ConfigMap\n  metadata:\n    <<: *m\n    name: b\n',
      resources: ['ConfigMap/n/a', 'ConfigMap/n/b'],
    },
    {
      name: 'duplicate keys are a parse error at the second key',
      text: 'kind: A\nmetadata: {name: a}\nkind: B\n',
      resources: [],
      problems: [/^parse@3:1 Map keys must be unique/],
    },
    {
      name: 'a document that is not a mapping is a notice',
      text: '- just\n- a list\n',
      resources: [],
      problems: [/^notice@1:1 document is not a mapping/],
    },
    {
      name: 'Prometheus alert text with {{ }} inside strings is linted, not taken for a template',
      text: 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: r}\nspec:\n  groups:\n  - rules:\n    - annotations:\n        summary: "Instance {{ $labels.instance }} down"\n        description: Pod {{ $labels.pod }} restarts\n',
      resources: ['PrometheusRule//r'],
    },
  ];
  for (const c of table) {
    it(c.name, () => {
      const got = names(c.text, c.path);
      assert.deepEqual(got.resources, c.resources);
      assert.equal(got.problems.length, c.problems?.length ?? 0, got.problems.join('\n'));
      c.problems?.forEach((re, i) => assert.match(got.problems[i], re));
    });
  }

  it('caps the parse errors of one broken document instead of flooding', () => {
    const got = names('kind: A\n' + ': : : :\n'.repeat(40));
    assert.equal(got.problems.length, 1, got.problems.join('\n'));
    assert.match(got.problems[0], /more errors in this document/);
  });

  it('bounds a YAML alias bomb: the document is reported, the next one still parses', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 8; i++)
      levels.push(
        `l${i}: &l${i} [${Array(9)
          .fill(i === 1 ? '*a' : `*l${i - 1}`)
          .join(',')}]`,
      );
    const bomb = `${levels.join('\n')}\nkind: Bomb\n---\nkind: Fine\nmetadata: {name: ok}\n`;
    // 9^8 nodes would take minutes and gigabytes: the alias count cuts it off (the suite's timeout catches a hang).
    const got = names(bomb);
    assert.deepEqual(got.resources, ['Fine//ok']);
    assert.match(got.problems[0], /^parse@1:1 document not loaded: .*alias/i);
  });

  it('skips binary files with a notice', () => {
    const got = names('\u0000\u0001ELF\u0000binary');
    assert.equal(got.skipped, 'binary file, not a manifest');
    assert.deepEqual(got.resources, []);
    assert.match(got.problems[0], /^skipped@1:1 skipped: binary file/);
  });

  it('skips files over maxFileBytes with a notice naming the setting', () => {
    const got = names('kind: A\nmetadata: {name: a}\n', '/w/big.yaml', 10);
    assert.deepEqual(got.resources, []);
    assert.match(got.problems[0], /larger than 10 bytes; raise 'maxFileBytes'/);
  });

  it('skips a template with one notice, not a flood of parse errors', () => {
    const tpl =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "x.fullname" . }}\n{{- if .Values.lb }}\nspec:\n  type: LoadBalancer\n{{- end }}\n';
    const got = names(tpl);
    assert.deepEqual(got.resources, []);
    assert.equal(got.problems.length, 1);
    assert.match(got.problems[0], /^skipped@1:1 skipped: template file/);
  });

  it('never throws, whatever the input', () => {
    const inputs = [
      '',
      '---',
      '\ufeffkind: A',
      '{',
      '[',
      'a: !!binary xyz',
      '%YAML 9.9\n---\nkind: A',
      'kind: [a, b]',
      'metadata: 3\nkind: X',
      '&a [*a]',
      'kind: List\nitems: 3',
      'kind: List\nitems: [1, null, "x"]',
    ];
    for (const text of inputs) assert.doesNotThrow(() => parseSourceFile('/w/x.yaml', text), text);
  });
});
