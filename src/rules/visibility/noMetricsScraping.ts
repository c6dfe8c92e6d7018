// ZT1005: an application namespace whose workloads no Prometheus scrapes (no ServiceMonitor/PodMonitor, annotations or Istio metrics merge).
import { ofKinds } from '../../model/kinds';
import { selectorLookup } from '../../model/selectors';
import { getPath, podTemplate } from '../../model/workloads';
import { namespaceOf } from '../../model/workspace';
import { namespaceCoverageRule } from '../templates/namespaceCoverage';
import { perRun } from '../templates/perRun';

/** Namespaces (cluster/namespace) some scrape configuration covers. */
const scraped = perRun((index) => {
  const covered = new Set<string>();
  const everywhere = new Set<string>();
  const lookup = selectorLookup(index);
  for (const m of ofKinds(index, 'ServiceMonitor', 'PodMonitor')) {
    if (!m.apiVersion.startsWith('monitoring.coreos.com/')) continue;
    const any = getPath(m.obj, ['spec', 'namespaceSelector', 'any']) === true;
    const names = getPath(m.obj, ['spec', 'namespaceSelector', 'matchNames']);
    for (const cluster of m.clusters) {
      if (any) everywhere.add(cluster);
      else if (Array.isArray(names)) for (const n of names) covered.add(`${cluster}/${String(n)}`);
      else covered.add(`${cluster}/${namespaceOf(m)}`);
    }
  }
  for (const [namespace, pods] of lookup.podsByNamespace) {
    // Istio's sidecar injector adds prometheus.io annotations and merges app metrics (enablePrometheusMerge, on by default).
    const labels = lookup.namespaces.get(namespace)?.labels ?? {};
    const injected = labels['istio-injection'] === 'enabled' || labels['istio.io/rev'] !== undefined;
    for (const p of pods) {
      for (const c of p.clusters) {
        const key = `${c}/${namespace}`;
        // One scraped workload per cluster is enough: skip reading the others' templates.
        if (!covered.has(key) && (injected || podTemplate(p.resource)?.annotations['prometheus.io/scrape'] === 'true')) covered.add(key);
      }
    }
  }
  return (namespace: string, cluster: string) => everywhere.has(cluster) || covered.has(`${cluster}/${namespace}`);
});

export const noMetricsScraping = namespaceCoverageRule({
  meta: {
    id: 'ZT1005',
    pillar: 10,
    severity: 'info',
    title: 'Namespace not scraped by Prometheus',
    description:
      'Request metrics are the cheapest way to see traffic between services and clusters, spot a spike of denied calls or a new caller. A namespace whose workloads have no ServiceMonitor/PodMonitor, no `prometheus.io/scrape` annotation, and no Istio sidecar injection (which adds the annotations and merges metrics) is invisible to Prometheus.',
    fixable: false,
  },
  coverage: (index) => scraped(index),
  message: (namespace, clusters) =>
    `no Prometheus scraping covers namespace ${namespace}${clusters.length ? ` in cluster ${clusters.join(', ')}` : ''}; add a ServiceMonitor/PodMonitor, prometheus.io/scrape annotations, or enable sidecar injection`,
});
