// A Kubernetes object as the kind engine applies it, and how messages name one.
import { resourceLabel } from '../../src/model/types';

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

export function objectLabel(o: KubeObject): string {
  return resourceLabel({ kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace });
}
