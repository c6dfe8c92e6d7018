// Rules of pillar 09, secrets management: each rule is a module in this folder, listed here.
import type { Rule } from '../types';
import { committedSecretData } from './committedSecretData';
import { externalSecretNoRefresh } from './externalSecretNoRefresh';
import { literalSecretInEnv } from './literalSecretInEnv';
import { noExternalSecretStore } from './noExternalSecretStore';
import { optionalSecretReference } from './optionalSecretReference';
import { secretAsEnv } from './secretAsEnv';
import { secretInPlainConfig } from './secretInPlainConfig';
import { secretStoreTlsUnverified } from './secretStoreTlsUnverified';
import { secretsStoreVolumeWritable } from './secretsStoreVolumeWritable';
import { secretVolumeWorldReadable } from './secretVolumeWorldReadable';

export const rules: Rule[] = [
  literalSecretInEnv,
  committedSecretData,
  secretAsEnv,
  noExternalSecretStore,
  secretInPlainConfig,
  externalSecretNoRefresh,
  secretVolumeWorldReadable,
  optionalSecretReference,
  secretsStoreVolumeWritable,
  secretStoreTlsUnverified,
];
