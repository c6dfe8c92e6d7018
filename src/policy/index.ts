// The policy engine's public API: mesh model, policy building blocks and simulations (see types.ts).
export { buildMesh } from './mesh';
export { serviceEndpoints, resolveTargetPort } from './meshQueries';
export { parseTrafficFile, TrafficFileError } from './traffic';
export { simulateCall, simulateTraffic, summarize, principalOf } from './simulate';
export { simulateMatrix, workloadClassKey } from './matrix';
export { resolveDestination, findWorkload } from './destination';
export { composedMtlsMode } from './peerAuthentication';
export { clientTls } from './clientTls';
export { authorize } from './authorization/evaluate';
export { networkPolicyAllows } from './networkPolicy';
export { routeCall } from './virtualService';
export { routeFromClient } from './routing';
export { chooseEndpoint } from './endpointChoice';
export { authenticateRequest } from './requestAuthentication';
export { netpolConnections, formatNetpolText } from './netpol';
export type * from './types';
