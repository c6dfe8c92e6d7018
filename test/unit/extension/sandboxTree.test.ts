// The Sandboxes view: engines with start/stop state and workloads when trusted, empty (welcome text) in Restricted Mode.
import assert from 'node:assert/strict';
import type { EngineName, SandboxStatus } from '../../../simulator/engine';
import { sandboxTree } from '../../../src/extension/viewData';

const running: SandboxStatus = {
  engine: 'local',
  running: true,
  workloads: [
    {
      id: 'cluster1/shop/cart',
      address: '127.0.0.1:41001',
      ports: [8080],
      identity: 'spiffe://cluster.local/ns/shop/sa/cart',
      sidecar: true,
      certExpiresAt: '2026-11-23T20:00:00Z',
    },
    { id: 'cluster1/shop/legacy', address: '127.0.0.1:41002', ports: [8080], identity: 'none', sidecar: false },
  ],
  details: { stateDir: '/w/.ztn/sandbox/local' },
};

const statuses = (local: SandboxStatus | undefined) =>
  new Map<EngineName, SandboxStatus | undefined>([
    ['local', local],
    ['kind', undefined],
  ]);

describe('extension: Sandboxes view data', () => {
  const cases: {
    name: string;
    local?: SandboxStatus;
    trusted: boolean;
    items: { label: string; description: string; contextValue: string; children: string[] }[];
  }[] = [
    { name: 'Restricted Mode: no engines, no start buttons (the view says trust is needed)', local: running, trusted: false, items: [] },
    {
      name: 'trusted, nothing running: both engines stopped',
      trusted: true,
      items: [
        { label: 'local sandbox', description: 'stopped', contextValue: 'sandbox.stopped', children: [] },
        { label: 'kind sandbox', description: 'stopped', contextValue: 'sandbox.stopped', children: [] },
      ],
    },
    {
      name: 'trusted, local running: its workloads with address and sidecar',
      local: running,
      trusted: true,
      items: [
        {
          label: 'local sandbox',
          description: 'running · 2 workloads',
          contextValue: 'sandbox.running',
          children: ['cluster1/shop/cart 127.0.0.1:41001 · sidecar', 'cluster1/shop/legacy 127.0.0.1:41002 · no sidecar'],
        },
        { label: 'kind sandbox', description: 'stopped', contextValue: 'sandbox.stopped', children: [] },
      ],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const tree = sandboxTree(statuses(c.local), c.trusted);
      assert.deepEqual(
        tree.map((t) => ({
          label: t.label,
          description: t.description,
          contextValue: t.contextValue,
          children: (t.children ?? []).map((w) => `${w.label} ${w.description}`),
        })),
        c.items,
      );
    });
  }

  it("the local engine's tooltip carries the supervisor's descriptors and connections, and warns near the limit", () => {
    const withResources = (descriptors: number): SandboxStatus => ({
      ...running,
      details: {
        stateDir: '/w',
        resources: { descriptors, descriptorLimit: 1024, connections: { outbound: 1, inbound: 2, app: 3, gateway: 0 }, idlePooled: 4 },
      },
    });
    const [ok] = sandboxTree(statuses(withResources(52)), true);
    assert.equal(ok.tooltip, 'supervisor descriptors: 52 open of 1024\nconnections: 1 outbound, 2 inbound, 3 app, 0 gateway, 4 pooled idle');
    const [near] = sandboxTree(statuses(withResources(900)), true);
    assert.match(near.tooltip ?? '', /\nwarning: the supervisor has 900 of 1024 file descriptors open/);
  });

  it('a workload tooltip carries its identity and certificate expiry', () => {
    const [local] = sandboxTree(statuses(running), true);
    assert.equal(local.children![0].tooltip, 'spiffe://cluster.local/ns/shop/sa/cart\ncertificate expires 2026-11-23T20:00:00Z');
    assert.equal(local.children![1].tooltip, 'none');
  });
});
