// A Deployment fixture whose container and pod-spec parts each test fills in.
export const deployment = (container: string, pod = '', podMeta = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
  namespace: shop
spec:
  selector: {matchLabels: {app: cart}}
  template:
    metadata:
      labels: {app: cart}
${podMeta}    spec:
${pod}      containers:
        - name: cart
          image: registry.example.com/cart:1.4.2
${container}`;
