// ZT0305: a Gateway whose TLS credential secret exists nowhere in the workspace (no Secret, Certificate or ExternalSecret makes it).
import { ofKinds } from '../../model/kinds';
import { workloadsMatchingLabels, selectorLookup } from '../../model/selectors';
import type { FieldPath } from '../../model/position';
import type { Resource } from '../../model/types';
import { getPath, stringMap, WORKLOAD_KINDS } from '../../model/workloads';
import { namespaceOf, type WorkspaceIndex } from '../../model/workspace';
import { gatewayServers, isIstioGateway } from '../templates/istioGateway';
import { perKinds } from '../templates/perKinds';
import type { Rule } from '../types';

/** Names of secrets that objects of the workspace provide, per namespace ("ns/name"). */
const SECRET_SOURCES = ['Secret', 'SealedSecret', 'Certificate', 'ExternalSecret'];
const providedSecrets = perKinds(SECRET_SOURCES, (index: WorkspaceIndex) => {
  const out = new Set<string>();
  for (const r of ofKinds(index, ...SECRET_SOURCES)) {
    const ns = namespaceOf(r);
    if (r.kind === 'Secret' || r.kind === 'SealedSecret') out.add(`${ns}/${r.name}`);
    else if (r.kind === 'Certificate') {
      const name = getPath(r.obj, ['spec', 'secretName']);
      if (typeof name === 'string') out.add(`${ns}/${name}`);
    } else if (r.kind === 'ExternalSecret') {
      const target = getPath(r.obj, ['spec', 'target', 'name']);
      out.add(`${ns}/${typeof target === 'string' ? target : r.name}`);
    }
  }
  return out;
});

/** Namespaces running pods that a gateway selector matches, memoized per selector until workloads change. */
const podNamespacesBySelector = perKinds(['Namespace', ...WORKLOAD_KINDS], () => new Map<string, string[]>());

/** Namespaces where Istio looks for a Gateway's credential: its own, and those of the gateway pods it selects. */
function istioCredentialNamespaces(index: WorkspaceIndex, gw: Resource): string[] {
  const selector = stringMap(getPath(gw.obj, ['spec', 'selector']));
  const namespaces = new Set([namespaceOf(gw)]);
  if (Object.keys(selector).length > 0) {
    const memo = podNamespacesBySelector(index);
    const key = JSON.stringify(Object.entries(selector).sort());
    let found = memo.get(key);
    if (!found) {
      found = [...selectorLookup(index).podsByNamespace.keys()].filter((ns) => workloadsMatchingLabels(index, ns, selector).length > 0);
      memo.set(key, found);
    }
    for (const ns of found) namespaces.add(ns);
  }
  return [...namespaces];
}

interface CredentialRef {
  name: string;
  namespaces: string[];
  path: FieldPath;
}

function credentialRefs(index: WorkspaceIndex, gw: Resource): CredentialRef[] {
  const out: CredentialRef[] = [];
  if (isIstioGateway(gw)) {
    const namespaces = istioCredentialNamespaces(index, gw);
    for (const s of gatewayServers(gw)) {
      const name = getPath(s.server, ['tls', 'credentialName']);
      // "kubernetes://name" is an explicit form of the same reference.
      if (typeof name === 'string') out.push({ name: name.replace(/^kubernetes:\/\//, ''), namespaces, path: [...s.path, 'tls', 'credentialName'] });
    }
  } else if (gw.apiVersion.startsWith('gateway.networking.k8s.io/')) {
    const listeners = getPath(gw.obj, ['spec', 'listeners']);
    if (Array.isArray(listeners)) {
      listeners.forEach((l, i) => {
        const refs = getPath(l, ['tls', 'certificateRefs']);
        if (!Array.isArray(refs)) return;
        refs.forEach((ref, j) => {
          const kind = getPath(ref, ['kind']) ?? 'Secret';
          const name = getPath(ref, ['name']);
          if (kind !== 'Secret' || typeof name !== 'string') return;
          const ns = getPath(ref, ['namespace']);
          out.push({ name, namespaces: [typeof ns === 'string' ? ns : namespaceOf(gw)], path: ['spec', 'listeners', i, 'tls', 'certificateRefs', j, 'name'] });
        });
      });
    }
  }
  return out;
}

export const gatewayCredentialMissing: Rule = {
  meta: {
    id: 'ZT0305',
    pillar: 3,
    severity: 'warning',
    title: 'Gateway TLS credential secret is missing',
    description:
      'A Gateway server whose credential secret does not exist serves no certificate: Istio drops the TLS listener (or keeps serving a stale one), so clients get handshake errors. The secret must live where the gateway pods run, typically created by a cert-manager Certificate or an ExternalSecret.',
    fixable: false,
    kinds: ['Gateway'],
  },
  checkResource(gw, ctx) {
    const provided = providedSecrets(ctx.index);
    for (const ref of credentialRefs(ctx.index, gw)) {
      if (ref.namespaces.some((ns) => provided.has(`${ns}/${ref.name}`))) continue;
      ctx.report({
        resource: gw,
        path: ref.path,
        message: `TLS secret ${ref.name} is not defined in ${ref.namespaces.join(' or ')}; create it there (for example with a cert-manager Certificate whose secretName is ${ref.name})`,
      });
    }
  },
};
