// Rules of pillar 08, data loss prevention: each rule is a module in this folder, listed here.
import type { Rule } from '../types';
import { egressAllowAllRule } from './egressAllowAllRule';
import { egressAllowAny } from './egressAllowAny';
import { egressWithoutGateway } from './egressWithoutGateway';
import { namespaceWithoutEgressPolicy } from './namespaceWithoutEgressPolicy';
import { personalDataInConfigMap } from './personalDataInConfigMap';
import { serviceEntryAnyAddress } from './serviceEntryAnyAddress';
import { serviceEntryExportedEverywhere } from './serviceEntryExportedEverywhere';
import { sidecarEgressUnrestricted } from './sidecarEgressUnrestricted';
import { wildcardServiceEntryHost } from './wildcardServiceEntryHost';

export const rules: Rule[] = [
  egressAllowAny,
  namespaceWithoutEgressPolicy,
  wildcardServiceEntryHost,
  serviceEntryAnyAddress,
  egressWithoutGateway,
  sidecarEgressUnrestricted,
  personalDataInConfigMap,
  serviceEntryExportedEverywhere,
  egressAllowAllRule,
];
