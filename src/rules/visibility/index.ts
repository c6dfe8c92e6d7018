// Rules of pillar 10, multicluster visibility: each rule is a module in this folder, listed here.
import type { Rule } from '../types';
import { eastWestGatewayMissing } from './eastWestGatewayMissing';
import { meshIdentityMismatch } from './meshIdentityMismatch';
import { missingNetworkLabel } from './missingNetworkLabel';
import { noMeshAccessLogging } from './noMeshAccessLogging';
import { noMetricsScraping } from './noMetricsScraping';
import { telemetryDisablesSignals } from './telemetryDisablesSignals';

export const rules: Rule[] = [
  noMeshAccessLogging,
  telemetryDisablesSignals,
  missingNetworkLabel,
  meshIdentityMismatch,
  noMetricsScraping,
  eastWestGatewayMissing,
];
