// Pinned images and the tool versions the kind engine is tested against; preflight checks the installed ones against these.

/** kind v0.30.0's node image for Kubernetes 1.34.0 (its release notes), pinned by digest so every run gets the same bits. */
export const KIND_NODE_IMAGE = 'kindest/node:v1.34.0@sha256:7416a61b42b1662ca6ca89f02028ac133a309a2a30ba309614e8ec94d976dc5a';
export const METALLB_VERSION = 'v0.14.9';
export const METALLB_MANIFEST = `https://raw.githubusercontent.com/metallb/metallb/${METALLB_VERSION}/config/manifests/metallb-native.yaml`;
/** Echoes every request, headers included, so the destination's view of X-Forwarded-Client-Cert comes back to the caller. */
export const ECHO_IMAGE = 'jmalloc/echo-server:v0.3.7';
/** Runs the calls inside the source pod: curl plus a shell. */
export const CLIENT_IMAGE = 'curlimages/curl:8.11.1';

export type Tool = 'docker' | 'kind' | 'kubectl' | 'istioctl';

export interface SupportedRange {
  /** Inclusive. */
  min: string;
  /** Exclusive; undefined means no upper bound known to break. */
  below?: string;
  install: string;
}

export const SUPPORTED: Record<Tool, SupportedRange> = {
  docker: { min: '20.10.0', install: 'install Docker Engine or Docker Desktop (https://docs.docker.com/get-docker/) and start it' },
  // The pinned node image is built for kind 0.30; node images work best-effort with other kind releases.
  kind: {
    min: '0.30.0',
    below: '0.32.0',
    install: 'go install sigs.k8s.io/kind@v0.30.0, or a release binary from https://kind.sigs.k8s.io/docs/user/quick-start/#installation',
  },
  // kubectl supports one minor version either side of the cluster's (1.34).
  kubectl: { min: '1.33.0', below: '1.36.0', install: 'https://kubernetes.io/docs/tasks/tools/#kubectl (1.34 matches the pinned node image)' },
  // Istio 1.28, the release the policy engine models, supports Kubernetes 1.30 to 1.34.
  istioctl: {
    min: '1.28.0',
    below: '1.29.0',
    install: 'curl -L https://istio.io/downloadIstio | ISTIO_VERSION=1.28.0 sh -, then put istio-1.28.0/bin on PATH',
  },
};

/** First x.y.z in a tool's version output ("kind v0.30.0 go1.24.6 linux/amd64" -> "0.30.0"). */
export function parseVersion(text: string): string | undefined {
  return /v?(\d+\.\d+\.\d+)/.exec(text)?.[1];
}

function compare(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

export function inRange(version: string, range: SupportedRange): boolean {
  return compare(version, range.min) >= 0 && (range.below === undefined || compare(version, range.below) < 0);
}

export function describeRange(range: SupportedRange): string {
  return range.below ? `>= ${range.min} and < ${range.below}` : `>= ${range.min}`;
}
