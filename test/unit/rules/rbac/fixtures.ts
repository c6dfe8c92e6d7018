// Manifest builders shared by the pillar 04 test tables: a Role with given rules, a Deployment with a given pod spec.
export const role = (rules: string, kind = 'Role') =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata: {name: app, namespace: shop}\nrules:\n${rules}`;

export const deployment = (podSpec: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: agent, namespace: ops}
spec:
  template:
    spec:
${podSpec}`;
