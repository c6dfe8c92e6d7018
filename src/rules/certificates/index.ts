// Rules of pillar 03, certificate management: one module per rule, listed here.
import type { Rule } from '../types';
import { certificateLifetimeTooLong } from './certificateLifetimeTooLong';
import { certificateWithoutLifetime } from './certificateWithoutLifetime';
import { committedCertificateExpiry } from './committedCertificateExpiry';
import { gatewayCredentialMissing } from './gatewayCredentialMissing';
import { istioCaWithoutPluginCerts } from './istioCaWithoutPluginCerts';
import { privateKeyNotRotated } from './privateKeyNotRotated';
import { renewBeforeNotBeforeExpiry } from './renewBeforeNotBeforeExpiry';
import { selfSignedIssuerInProduction } from './selfSignedIssuerInProduction';

export const rules: Rule[] = [
  certificateWithoutLifetime,
  certificateLifetimeTooLong,
  renewBeforeNotBeforeExpiry,
  selfSignedIssuerInProduction,
  gatewayCredentialMissing,
  istioCaWithoutPluginCerts,
  privateKeyNotRotated,
  committedCertificateExpiry,
];
