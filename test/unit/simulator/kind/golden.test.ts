// Golden tests: the --dry-run plans of `up` and `down` for the two-cluster fixture, pinned line for line.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KindEngine } from '../../../../simulator/kind/engine';
import { GOLDEN_DIR, loadFixture } from '../../../helpers/kindFixture';

/** Never written: a dry run must not touch it. */
const STATE_DIR = '/nonexistent/ztn-state/kind';

function golden(name: string, actual: string): void {
  const file = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  assert.equal(actual, readFileSync(file, 'utf8'), `${name} differs from the golden file (UPDATE_GOLDEN=1 rewrites it after review)`);
}

describe('kind engine --dry-run plan (golden)', () => {
  let plan: string;
  const progress: string[] = [];

  before(async function () {
    this.timeout(20_000);
    const status = await new KindEngine().up({ stateDir: STATE_DIR, index: loadFixture(), dryRun: true, onProgress: (e) => progress.push(e.step) });
    assert.equal(status.engine, 'kind');
    assert.equal(status.running, false);
    plan = status.plan ?? '';
  });

  it('matches the golden up plan', () => golden('up-plan.txt', plan));

  it('touches nothing on disk', () => assert.equal(existsSync(STATE_DIR), false));

  it('reports progress for every step, in order', () => {
    const steps = [...new Set(progress)];
    assert.deepEqual(steps, ['preflight', 'certificates', 'clusters', 'load-balancer', 'trust', 'istio', 'east-west', 'remote-secrets', 'deploy']);
  });

  it('shows certificate subjects but no key or secret value', () => {
    assert.match(plan, /subject "O=Zero Trust Lens sandbox, CN=Intermediate CA, L=west", issued by "O=Zero Trust Lens sandbox, CN=Root CA"/);
    assert.doesNotMatch(plan, /BEGIN (EC |)PRIVATE KEY|BEGIN CERTIFICATE/);
    assert.doesNotMatch(plan, /hunter2/);
    assert.match(plan, /password: \(20 characters, not shown\)/);
  });

  it('orders the steps: create, load balancer, cacerts, Istio, east-west gateway, remote secrets, manifests', () => {
    const at = (re: RegExp) => plan.split('\n').findIndex((l) => re.test(l));
    const order = [
      /^\$ kind create cluster --name ztn-east/,
      /^\$ kubectl .*kind-ztn-east apply -f https:.*metallb-native\.yaml/,
      /^\$ kubectl .*kind-ztn-east -n istio-system create secret generic cacerts/,
      /^\$ istioctl install -y .*kind-ztn-east -f .*east\/istio\.yaml/,
      /^\$ istioctl install -y .*kind-ztn-west -f .*west\/eastwest-gateway\.yaml/,
      /^\$ istioctl create-remote-secret .*kind-ztn-east --name=east '--server=https:\/\/<ztn-east-control-plane IP>:6443'/,
      /^\$ istioctl remote-clusters .*kind-ztn-west/,
      /^apply to east/,
    ];
    const lines = order.map(at);
    assert.ok(
      lines.every((l) => l >= 0),
      `missing: ${order.filter((_, i) => lines[i] < 0).join(', ')}`,
    );
    assert.deepEqual(
      [...lines].sort((a, b) => a - b),
      lines,
    );
  });

  it('applies namespaces first, policies before workloads, and skips what the engine owns', () => {
    const east = plan.slice(plan.indexOf('apply to east'));
    assert.ok(east.indexOf('Namespace shop') < east.indexOf('AuthorizationPolicy shop/cart-allow'));
    assert.ok(east.indexOf('PeerAuthentication shop/default') < east.indexOf('Deployment shop/frontend'));
    assert.match(plan, /IstioOperator istio-system\/control-plane not applied: Istio is installed by the engine/);
    assert.match(plan, /Job shop\/seed not applied: jobs are not traffic endpoints/);
  });

  it('installs an east-west gateway only where the manifests have one, as the prediction assumes', () => {
    assert.match(plan, /# east: no east-west gateway in its manifests, none installed/);
    assert.doesNotMatch(plan, /east\/eastwest-gateway\.yaml/);
    assert.match(plan, /# west: Deployment istio-system\/istio-eastwestgateway not applied: the engine installs the east-west gateway/);
  });

  it('pins the down plan', async () => {
    const lines: string[] = [];
    await new KindEngine().down({ stateDir: STATE_DIR, index: loadFixture(), dryRun: true, log: (l) => lines.push(l) });
    golden('down-plan.txt', lines.join('\n') + '\n');
    assert.ok(lines.includes('$ kind delete cluster --name ztn-east --kubeconfig /nonexistent/ztn-state/kind/kubeconfig'));
  });
});
