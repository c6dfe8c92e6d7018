// Shared by the sandbox integration tests: the fixture workspace, its mesh, and a runtime started in this process.
import { appendFileSync, cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../../../../src/config/load';
import { loadWorkspace, type WorkspaceIndex } from '../../../../src/model/workspace';
import { buildMesh, parseTrafficFile, simulateTraffic } from '../../../../src/policy';
import type { Mesh, SimulationResult, TrafficCall, TrafficReplay } from '../../../../src/policy/types';
import { SandboxRuntime, type RuntimeOptions } from '../../../../simulator/local/runtime';

export const FIXTURE = join(__dirname, '..', '..', '..', 'fixtures', 'sandbox-mesh');

/** A call that payments denies by AuthorizationPolicy on the far side of the east-west gateway (see fixtureDenyingAdmin). */
export const DENIED_ACROSS_GATEWAY: TrafficCall = {
  name: 'admin-cross-network',
  from: 'east/shop/frontend',
  to: 'payments.shop.svc.cluster.local:8080',
  method: 'GET',
  path: '/admin',
};

/** A temporary copy of the fixture where west's payments denies /admin, so denials cross the gateway too; the caller removes it. */
export function fixtureDenyingAdmin(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(FIXTURE, dir, { recursive: true });
  appendFileSync(
    join(dir, 'clusters', 'west', 'shop.yaml'),
    `---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: payments-no-admin, namespace: shop}
spec:
  selector: {matchLabels: {app: payments}}
  action: DENY
  rules:
    - to: [{operation: {paths: ["/admin"]}}]
`,
  );
  return dir;
}

export function fixtureIndex(dir = FIXTURE): WorkspaceIndex {
  return loadWorkspace([dir], resolveConfig(dir));
}

export function fixtureMesh(dir = FIXTURE): Mesh {
  return buildMesh(fixtureIndex(dir));
}

export function fixtureTraffic(): TrafficReplay {
  const file = join(FIXTURE, 'traffic.yaml');
  return parseTrafficFile(file, readFileSync(file, 'utf8'));
}

export function fixtureCall(name: string): TrafficCall {
  const call = fixtureTraffic().calls.find((c) => c.name === name);
  if (!call) throw new Error(`no call ${name} in the fixture traffic`);
  return call;
}

export function predict(mesh: Mesh, calls: TrafficCall[]): SimulationResult {
  return simulateTraffic(mesh, { name: 'test', calls });
}

let nextBlock = process.pid % 200;

/**
 * Each runtime gets its own loopback block (127.B.x.y), varied by process so that two test runs on one machine
 * (several people run `npm test` on the same box) do not collide on addresses.
 */
export async function startRuntime(options: Partial<RuntimeOptions> = {}, mesh = fixtureMesh()): Promise<SandboxRuntime> {
  const block = 20 + (nextBlock++ % 200);
  return SandboxRuntime.start(mesh, { block, certLifetimeMs: 3_600_000, upstreamTimeoutMs: 2_000, ...options });
}
