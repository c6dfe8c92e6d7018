// What the kind engine generates: workspace objects in apply order with echo servers, kind configs, MetalLB pools, Istio files.
import { strict as assert } from 'node:assert';
import { parse } from 'yaml';
import { kindClusters, clusterSubnets, KindSetupError } from '../../../../simulator/kind/clusters';
import { eastWestGateway, istioOperator } from '../../../../simulator/kind/istioInstall';
import { kindClusterConfig } from '../../../../simulator/kind/kindConfig';
import { ipv4Subnet, metallbPoolRange } from '../../../../simulator/kind/loadBalancer';
import { objectLabel } from '../../../../simulator/kind/kubeObject';
import { clusterManifests, sandboxPodSpec } from '../../../../simulator/kind/workspaceManifests';
import { KIND_NODE_IMAGE } from '../../../../simulator/kind/versions';
import { defaultConfig } from '../../../../src/config/load';
import { WorkspaceIndex } from '../../../../src/model/workspace';
import { loadFixture } from '../../../helpers/kindFixture';

describe('kind engine manifests', () => {
  const index = loadFixture();
  const [east, west] = kindClusters(index.config);

  it('names kind clusters after ztn.yaml with a prefix, and rejects names kind cannot use', () => {
    assert.deepEqual([east.kindName, east.context, east.controlPlane], ['ztn-east', 'kind-ztn-east', 'ztn-east-control-plane']);
    const bad = { ...defaultConfig('/w'), clusters: [{ ...defaultConfig('/w').clusters[0], name: 'East_1' }] };
    assert.throws(
      () => kindClusters(bad),
      (e: Error) => e instanceof KindSetupError && /cluster name 'East_1'/.test(e.message),
    );
  });

  it('gives each cluster its own subnets, the pinned node image and a loopback API server', () => {
    const config = parse(kindClusterConfig(west));
    assert.equal(config.networking.apiServerAddress, '127.0.0.1');
    assert.deepEqual(config.networking, { apiServerAddress: '127.0.0.1', ...clusterSubnets(1) });
    assert.notEqual(clusterSubnets(0).podSubnet, clusterSubnets(1).podSubnet);
    assert.equal(config.nodes[0].image, KIND_NODE_IMAGE);
    assert.match(KIND_NODE_IMAGE, /^kindest\/node:v1\.\d+\.\d+@sha256:[0-9a-f]{64}$/);
  });

  it('carves a distinct MetalLB pool per cluster from the kind network', () => {
    assert.equal(ipv4Subnet('fc00:f853:ccd:e793::/64 172.18.0.0/16 '), '172.18.0.0/16');
    assert.equal(metallbPoolRange('172.18.0.0/16', 0), '172.18.255.200-172.18.255.250');
    assert.equal(metallbPoolRange('172.18.0.0/16', 1), '172.18.254.200-172.18.254.250');
    assert.throws(() => metallbPoolRange('172.18.0.0/24', 0), /smaller than a \/16/);
    assert.throws(() => ipv4Subnet('fc00::/64'), KindSetupError);
  });

  it('installs Istio multi-primary with mesh, cluster and network, merging the workspace meshConfig', () => {
    const op = parse(istioOperator(index, east));
    assert.deepEqual(op.spec.values.global, { meshID: 'mesh1', multiCluster: { clusterName: 'east' }, network: 'net-east' });
    assert.deepEqual(op.spec.meshConfig.outboundTrafficPolicy, { mode: 'REGISTRY_ONLY' });
    assert.equal(op.spec.meshConfig.defaultConfig.proxyMetadata.SECRET_TTL, '2h');
    assert.equal(parse(istioOperator(index, west)).spec.meshConfig.outboundTrafficPolicy, undefined);
    const gw = parse(eastWestGateway(west)).spec.components.ingressGateways[0];
    assert.deepEqual(gw.k8s.env, [{ name: 'ISTIO_META_REQUESTED_NETWORK_VIEW', value: 'net-west' }]);
    assert.ok(gw.k8s.service.ports.some((p: { port: number }) => p.port === 15443));
  });

  it("keeps the workspace's proxy defaults when adding the certificate lifetime", () => {
    const idx = new WorkspaceIndex(defaultConfig('/w'));
    idx.setFile(
      '/w/istio.yaml',
      'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nmetadata: {name: cp, namespace: istio-system}\nspec:\n  meshConfig:\n    defaultConfig:\n      holdApplicationUntilProxyStarts: true\n      proxyMetadata: {ISTIO_META_DNS_CAPTURE: "true"}\n',
    );
    const [cluster] = kindClusters(idx.config);
    assert.deepEqual(parse(istioOperator(idx, cluster)).spec.meshConfig.defaultConfig, {
      holdApplicationUntilProxyStarts: true,
      proxyMetadata: { ISTIO_META_DNS_CAPTURE: 'true', SECRET_TTL: '1h' },
    });
  });

  it("applies a cluster's own manifests and the common ones: namespaces and CRDs first, workloads after their policies, custom resources last", () => {
    const { objects, skipped } = clusterManifests(index, west);
    assert.deepEqual(objects.map(objectLabel), [
      'Namespace shop',
      'CustomResourceDefinition widgets.shop.example.com',
      'ServiceAccount shop/payments',
      'Service shop/payments',
      'PeerAuthentication shop/default',
      'Deployment shop/payments',
      'Widget shop/catalog-widget',
      'Certificate shop/payments-tls',
    ]);
    assert.deepEqual(skipped, [{ resource: 'Deployment istio-system/istio-eastwestgateway', reason: 'the engine installs the east-west gateway' }]);
    const eastSkipped = clusterManifests(index, east).skipped.map((s) => s.resource);
    assert.deepEqual(eastSkipped, ['Job shop/seed', 'IstioOperator istio-system/control-plane']);
  });

  it('creates namespaces the workspace uses but does not declare', () => {
    const ns = defaultConfig('/w');
    const idx = new WorkspaceIndex(ns);
    idx.setFile(
      '/w/a.yaml',
      'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a, namespace: billing}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}\n',
    );
    const [cluster] = kindClusters(ns);
    assert.deepEqual(clusterManifests(idx, cluster).objects.map(objectLabel), ['Namespace billing', 'ServiceAccount billing/a', 'ConfigMap default/c']);
  });

  it('runs an echo server per declared port plus the curl client, keeping identity and labels', () => {
    const deployment = clusterManifests(index, east).objects.find((o) => objectLabel(o) === 'Deployment shop/cart') as unknown as {
      spec: { replicas: number; template: { metadata: { labels: Record<string, string> }; spec: Record<string, unknown> } };
    };
    assert.equal(deployment.spec.replicas, 1);
    assert.deepEqual(deployment.spec.template.metadata.labels, { app: 'cart' });
    const spec = deployment.spec.template.spec as {
      serviceAccountName: string;
      containers: { name: string; image: string; env?: { value: string }[] }[];
      securityContext: { sysctls: unknown[] };
    };
    assert.equal(spec.serviceAccountName, 'cart');
    assert.deepEqual(
      spec.containers.map((c) => c.name),
      ['echo-8080', 'echo-80', 'ztn-client'],
    );
    assert.deepEqual(spec.containers[1].env, [{ name: 'PORT', value: '80' }]);
    // Port 80 as non-root needs the unprivileged-port sysctl.
    assert.deepEqual(spec.securityContext.sysctls, [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }]);
  });

  it('drops what belonged to the replaced containers and leaves Istio gateways as written', () => {
    const spec = sandboxPodSpec({
      initContainers: [{ name: 'migrate' }],
      volumes: [{ name: 'config' }],
      containers: [{ name: 'web', ports: [{ containerPort: 53, protocol: 'UDP' }] }],
    });
    assert.equal(spec.initContainers, undefined);
    assert.equal(spec.volumes, undefined);
    assert.deepEqual(
      (spec.containers as { name: string }[]).map((c) => c.name),
      ['ztn-client'],
    );

    const gateway = new WorkspaceIndex(defaultConfig('/w'));
    gateway.setFile(
      '/w/gw.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: gw, namespace: istio-ingress}\nspec:\n  replicas: 2\n  template:\n    metadata:\n      annotations: {inject.istio.io/templates: gateway}\n    spec:\n      containers: [{name: istio-proxy, image: auto}]\n',
    );
    const [cluster] = kindClusters(gateway.config);
    const obj = clusterManifests(gateway, cluster).objects.find((o) => o.kind === 'Deployment') as unknown as {
      spec: { replicas: number; template: { spec: { containers: { image: string }[] } } };
    };
    assert.equal(obj.spec.replicas, 2);
    assert.equal(obj.spec.template.spec.containers[0].image, 'auto');
  });
});
