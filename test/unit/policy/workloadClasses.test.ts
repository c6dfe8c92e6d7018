// Classes of workloads every policy treats alike: the matrix and netpol over classes equal the per-workload computation
// on seeded meshes whose workloads all have distinct labels.
import assert from 'node:assert/strict';
import { simulateCall, simulateMatrix } from '../../../src/policy/index';
import { serviceTargets } from '../../../src/policy/matrix';
import { netpolConnections } from '../../../src/policy/netpol';
import { workloadClasses } from '../../../src/policy/workloadClasses';
import { distinctLabelsManifests } from '../../helpers/distinctLabelsMesh';
import { meshOf } from '../../helpers/meshFixture';

describe('policy: classes of alike workloads', () => {
  for (const seed of [1, 7, 42]) {
    describe(`seed ${seed}`, () => {
      const mesh = meshOf(distinctLabelsManifests(seed, 6, 12));

      it('labels are distinct, classes are fewer than workloads', () => {
        const labelSets = new Set(mesh.workloads.map((w) => JSON.stringify(Object.entries(w.labels).sort())));
        assert.equal(labelSets.size, mesh.workloads.length);
        const { members } = workloadClasses(mesh);
        assert.ok(members.length < mesh.workloads.length, `${members.length} classes of ${mesh.workloads.length}`);
      });

      it('the matrix equals simulateCall for every workload and target', () => {
        const matrix = simulateMatrix(mesh);
        const targets = serviceTargets(mesh);
        const workloads = [...mesh.workloads].sort((a, b) => (a.id < b.id ? -1 : 1));
        assert.equal(matrix.calls.length, workloads.length * targets.length);
        let i = 0;
        const verdicts = new Set<string>();
        for (const w of workloads) {
          for (const t of targets) {
            const r = simulateCall(mesh, { from: w.id, to: t.to, protocol: t.protocol });
            const c = matrix.calls[i++];
            verdicts.add(r.verdict);
            assert.deepEqual(
              [c.name, c.from, c.to, c.port, c.mtls, c.allowed, c.verdict],
              [`${w.id} -> ${t.to}`, w.id, r.to, r.port, r.mtls, r.allowed, r.verdict],
            );
            assert.deepEqual(c.explanation, r.explanation);
          }
        }
        // the mix reaches several decisions
        assert.ok(verdicts.has('allowed') && verdicts.has('denied-by-network-policy') && verdicts.size >= 3, [...verdicts].join(','));
      });

      it('netpol equals the per-pair computation', () => {
        const direct = netpolConnections(mesh, { direct: true });
        assert.ok(direct.length > 0);
        assert.deepEqual(netpolConnections(mesh), direct);
      });
    });
  }
});

describe('policy: netpol grouped by class', () => {
  for (const seed of [3, 11]) {
    it(`expands to the per-pair computation (seed ${seed})`, async () => {
      const { netpolClassConnections } = await import('../../../src/policy/netpol');
      const mesh = meshOf(distinctLabelsManifests(seed, 5, 10));
      const grouped = netpolClassConnections(mesh);
      const expanded = new Set<string>();
      for (const c of grouped.connections)
        for (const s of grouped.classes[c.src]) for (const d of grouped.classes[c.dst]) if (s !== d) expanded.add(`${s} => ${d} : ${c.conn}`);
      const direct = netpolConnections(mesh, { direct: true }).filter((c) => !c.src.endsWith('[External]') && !c.dst.endsWith('[External]'));
      assert.deepEqual([...expanded].sort(), direct.map((c) => `${c.src} => ${c.dst} : ${c.conn}`).sort());
    });
  }
});
