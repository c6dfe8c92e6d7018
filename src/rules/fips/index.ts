// Rules of pillar 06, FIPS and SOC-2: each rule is a module in this folder, listed here.
import type { Rule } from '../types';
import { accessLoggingDisabled } from './accessLoggingDisabled';
import { gatewayPlaintextHttp } from './gatewayPlaintextHttp';
import { gatewayTlsVersion } from './gatewayTlsVersion';
import { ingressWithoutTls } from './ingressWithoutTls';
import { meshTlsSettings } from './meshTlsSettings';
import { weakCertificateKey } from './weakCertificateKey';
import { weakCipherSuites } from './weakCipherSuites';
import { weakCommittedCertificate } from './weakCommittedCertificate';

export const rules: Rule[] = [
  gatewayTlsVersion,
  weakCipherSuites,
  weakCertificateKey,
  meshTlsSettings,
  accessLoggingDisabled,
  gatewayPlaintextHttp,
  ingressWithoutTls,
  weakCommittedCertificate,
];
