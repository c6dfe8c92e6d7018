// Replay inside kind clusters: the kubectl exec + curl each call runs, the plaintext clients, and results against predictions.
import { strict as assert } from 'node:assert';
import { buildMesh } from '../../../../src/policy/index';
import { kindClusters } from '../../../../simulator/kind/clusters';
import { KindEngine, NoKindSandboxError } from '../../../../simulator/kind/engine';
import { CURL_MARKER } from '../../../../simulator/kind/observation';
import { KindReplayer } from '../../../../simulator/kind/replay';
import { fixtureTraffic, loadFixture, RecordingClusterApi, tempStateDir } from '../../../helpers/kindFixture';
import { ScriptedRunner } from './scriptedRunner';
import { parseResultsFile } from '../../../../src/graph/results';
import { replayToJson } from '../../../../src/report/replayJson';
import { verifyResults } from '../../../../src/report/verifyModel';
import { verifyToText } from '../../../../src/report/verifyText';

const XFCC = 'By=spiffe://cluster.local/ns/shop/sa/cart;Hash=3f1a;Subject="";URI=spiffe://cluster.local/ns/shop/sa/frontend';
const echo = (headers: string[], pod = 'cart-5d8f-x2x7q', status = 200) =>
  `Request served by ${pod}\n\nGET /items HTTP/1.1\n\nHost: cart:8080\n${headers.join('\n')}\n\n${CURL_MARKER} ${status} 0.012\n`;

describe('kind engine replay', function () {
  this.timeout(10_000);

  function replayer(runner: ScriptedRunner, apis: Record<string, RecordingClusterApi>) {
    const index = loadFixture();
    return new KindReplayer(
      {
        runner,
        clusters: kindClusters(index.config),
        kubeconfig: '/state/kubeconfig',
        clusterApi: (c) => (apis[c.name] ??= new RecordingClusterApi()),
        progress: () => {},
        sleep: async () => {},
        now: () => Date.parse('2026-01-02T03:04:05Z'),
        runId: () => 'run1',
      },
      buildMesh(index),
    );
  }

  it('runs each call with curl in the source pod and compares what the wire showed with the prediction', async () => {
    const runner = new ScriptedRunner()
      .on(/exec deployment\/frontend .* -X GET .*cart\.shop\.svc\.cluster\.local:8080\/items$/, { stdout: echo([`X-Forwarded-Client-Cert: ${XFCC}`]) })
      .on(/exec deployment\/frontend .* -X DELETE /, { stdout: `RBAC: access denied\n${CURL_MARKER} 403 0.004\n` })
      // Through the east-west gateway, but the destination saw no client certificate: the wire disagrees with the prediction.
      .on(/exec deployment\/cart .*payments/, { stdout: echo([], 'payments-7c9b-k4k2p') })
      .on(/exec deployment\/ztn-plain-frontend /, {
        code: 56,
        stdout: `\n${CURL_MARKER} 000 0.003\n`,
        stderr: 'curl: (56) Recv failure: Connection reset by peer\n',
      });
    const logLine = JSON.stringify({
      start_time: '2026-01-02T03:04:05.200Z',
      ztn_call: 'run1-0',
      upstream_cluster: 'inbound|8080||',
      downstream_local_address: '10.10.0.5:8080',
      downstream_peer_uri_san: 'spiffe://cluster.local/ns/shop/sa/frontend',
      downstream_tls_version: 'TLSv1.3',
      downstream_tls_cipher: 'TLS_AES_256_GCM_SHA384',
      response_flags: '-',
    });
    runner.on(/logs deployment\/cart -c istio-proxy/, { stdout: `${logLine}\n` });
    const apis: Record<string, RecordingClusterApi> = {};
    const result = await replayer(runner, apis).replay(fixtureTraffic(), { concurrency: 2 });
    // The answering workloads' sidecar logs since the replay began: cart (east) and payments (west).
    assert.deepEqual(
      runner.lines().filter((l) => l.includes(' logs ')),
      [
        'kubectl --kubeconfig /state/kubeconfig --context kind-ztn-east -n shop logs deployment/cart -c istio-proxy --since-time=2026-01-02T03:04:05.000Z',
        'kubectl --kubeconfig /state/kubeconfig --context kind-ztn-west -n shop logs deployment/payments -c istio-proxy --since-time=2026-01-02T03:04:05.000Z',
      ],
    );

    assert.ok(
      runner
        .lines()
        .includes(
          `kubectl --kubeconfig /state/kubeconfig --context kind-ztn-east -n shop exec deployment/frontend -c ztn-client -- curl -sS --max-time 10 -o - -w '\\n${CURL_MARKER} %{http_code} %{time_total}\\n' -X GET -H 'x-user: alice' -H 'x-ztn-call: run1-0' http://cart.shop.svc.cluster.local:8080/items`,
        ),
      runner.lines().join('\n'),
    );
    // The plaintext client: deployed once, before any call, with the source's ServiceAccount and labels, and no sidecar.
    assert.deepEqual(apis.east.applied, ['Deployment shop/ztn-plain-frontend']);
    assert.deepEqual(apis.east.waits, ['pods shop ztn.dev/plain-client=ztn-plain-frontend']);
    const plain = apis.east.objects[0] as unknown as {
      spec: { template: { metadata: { labels: Record<string, string> }; spec: { serviceAccountName: string } } };
    };
    assert.equal(plain.spec.template.spec.serviceAccountName, 'frontend');
    assert.equal(plain.spec.template.metadata.labels.app, 'frontend');
    assert.equal(plain.spec.template.metadata.labels['sidecar.istio.io/inject'], 'false');

    const byName = Object.fromEntries(result.calls.map((c) => [c.name, c]));
    assert.deepEqual(
      result.calls.map((c) => [c.name, c.verdict, (c.observed as unknown as { verdict: string }).verdict, c.agrees]),
      [
        ['frontend-to-cart', 'allowed', 'allowed', true],
        ['frontend-deletes-cart', 'denied-by-authorization', 'denied-by-authorization', true],
        ['cart-to-payments', 'allowed', 'allowed', false],
        ['plaintext-to-cart', 'rejected-by-peer-authentication', 'rejected-by-peer-authentication', true],
      ],
    );
    assert.equal(byName['frontend-to-cart'].observed?.clientIdentity, 'spiffe://cluster.local/ns/shop/sa/frontend');
    assert.equal(byName['frontend-to-cart'].observed?.xfcc, XFCC);
    assert.equal(byName['frontend-to-cart'].observed?.status, 200);
    assert.equal(byName['frontend-to-cart'].observed?.tlsVersion, 'TLSv1.3');
    assert.equal(byName['frontend-to-cart'].observed?.cipher, 'TLS_AES_256_GCM_SHA384');
    assert.equal(byName['plaintext-to-cart'].observed?.outcome, 'reset');
    assert.deepEqual(result.summary, { total: 4, allowed: 2, denied: 2, mtls: 3, expectationsFailed: 0 });
  });

  it('verify reports kind results as it does the local engine, also after a round trip through the results file', async () => {
    const runner = new ScriptedRunner()
      .on(/ztn-plain-frontend/, { code: 56, stderr: 'curl: (56) Recv failure: Connection reset by peer\n' })
      .on(/-X GET/, { stdout: echo([`X-Forwarded-Client-Cert: ${XFCC}`]) })
      .on(/-X DELETE/, { stdout: `RBAC: access denied\n${CURL_MARKER} 403 0.004\n` })
      .on(/exec deployment\/cart .*payments/, { stdout: echo([], 'payments-7c9b-k4k2p') })
      .on(/logs deployment\/cart/, {
        stdout: `${JSON.stringify({ start_time: '2026-01-02T03:04:05.300Z', ztn_call: 'run1-1', upstream_cluster: 'inbound|8080||', downstream_local_address: '10.10.0.5:8080', downstream_peer_uri_san: 'spiffe://cluster.local/ns/shop/sa/frontend', downstream_tls_version: 'TLSv1.3', response_code: '403' })}\n`,
      });
    const result = await replayer(runner, {}).replay(fixtureTraffic());
    const saved = parseResultsFile('last-results.json', JSON.stringify(replayToJson(result, 'kind')));
    const text = verifyToText(verifyResults(saved));
    assert.match(
      text,
      /^PASS frontend-to-cart {2}east\/shop\/frontend -> east\/shop\/cart:8080\n {5}wire: allowed, mTLS, HTTP 200; predicted allowed \(mTLS\)$/m,
    );
    // The 403 came from cart's sidecar over mTLS, as its access log shows.
    assert.match(text, /^ {5}wire: denied-by-authorization, mTLS, TLSv1\.3, HTTP 403, http-error; predicted denied-by-authorization \(mTLS\)$/m);
    assert.match(
      text,
      /^FAIL cart-to-payments .*\n {5}wire: allowed, plaintext, HTTP 200; predicted allowed \(mTLS\)\n {5}- observed allowed \(plaintext\) but the engine predicted allowed \(mTLS\)$/m,
    );
    assert.match(text, /^ {7}destination: payments-7c9b-k4k2p answered without X-Forwarded-Client-Cert \(plaintext\)$/m);
    assert.match(text, /4 call\(s\): 3 passed, 1 disagree with the engine, 0 expectation\(s\) failed\nverification FAILED\n$/);
  });

  it('reports a call kubectl could not run instead of guessing a verdict', async () => {
    const runner = new ScriptedRunner().on(/exec/, { code: 1, stderr: 'Error from server (NotFound): deployments.apps "frontend" not found\n' });
    const traffic = fixtureTraffic();
    const result = await replayer(runner, {}).replay({ ...traffic, calls: [traffic.calls[0]] });
    assert.equal(result.calls[0].agrees, false);
    assert.match(result.calls[0].observed?.error ?? '', /kubectl exec failed: Error from server \(NotFound\)/);
  });

  it('a UDP or SCTP call is reported as not runnable (not observed), without running anything', async () => {
    const runner = new ScriptedRunner();
    const traffic = fixtureTraffic();
    const calls = (['udp', 'sctp'] as const).map((protocol) => ({ ...traffic.calls[0], protocol, name: protocol }));
    const result = await replayer(runner, {}).replay({ ...traffic, calls });
    assert.deepEqual(
      runner.lines().filter((l) => l.includes(' exec ')),
      [],
    );
    for (const c of result.calls) {
      assert.equal(c.observed, undefined);
      assert.equal(c.agrees, undefined);
      assert.match(c.explanation[c.explanation.length - 1].detail, /(UDP|SCTP) calls are not runnable in the kind sandbox/);
    }
    assert.deepEqual(
      verifyResults(result).rows.map((r) => r.problems[0]),
      ['not observed: the sandbox did not run this call', 'not observed: the sandbox did not run this call'],
    );
  });

  it('a call whose exec hangs is reported as a timeout, the others still run', async () => {
    const runner = new ScriptedRunner().on(/-X GET/, 'timeout').on(/-X DELETE/, { stdout: `RBAC: access denied\n${CURL_MARKER} 403 0.004\n` });
    const traffic = fixtureTraffic();
    const result = await replayer(runner, {}).replay({ ...traffic, calls: traffic.calls.slice(0, 2) });
    assert.equal(result.calls[0].observed?.outcome, 'timeout');
    assert.equal(result.calls[1].agrees, true);
  });

  it('a cancelled replay reports the calls it did not run', async () => {
    const controller = new AbortController();
    const runner = new ScriptedRunner().on(/exec/, () => {
      controller.abort();
      return { stdout: echo([`X-Forwarded-Client-Cert: ${XFCC}`]) };
    });
    const index = loadFixture();
    const traffic = fixtureTraffic();
    const cancelled = new KindReplayer(
      {
        runner,
        clusters: kindClusters(index.config),
        kubeconfig: '/state/kubeconfig',
        clusterApi: () => new RecordingClusterApi(),
        progress: () => {},
        sleep: async () => {},
        now: () => 0,
        signal: controller.signal,
      },
      buildMesh(index),
    );
    const result = await cancelled.replay({ ...traffic, calls: traffic.calls.slice(0, 2) }, { concurrency: 1 });
    assert.equal(runner.calls.filter((c) => c.line.includes(' exec ')).length, 1);
    assert.equal(result.calls[1].observed?.error, 'cancelled before this call ran');
  });

  it('refuses to replay before up', async () => {
    const state = tempStateDir();
    try {
      await assert.rejects(
        new KindEngine({ runner: new ScriptedRunner() }).replay({ stateDir: state.dir, index: loadFixture() }, fixtureTraffic()),
        NoKindSandboxError,
      );
    } finally {
      state.cleanup();
    }
  });
});
