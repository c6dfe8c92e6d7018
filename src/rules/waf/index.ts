// Rules of pillar 07, web application firewall: each rule is a module in this folder, listed here.
import type { Rule } from '../types';
import { gatewayApiWithoutWaf } from './gatewayApiWithoutWaf';
import { ingressWithoutWaf } from './ingressWithoutWaf';
import { istioGatewayWithoutWaf } from './istioGatewayWithoutWaf';
import { wafDetectionOnly } from './wafDetectionOnly';
import { wafFailOpen } from './wafFailOpen';
import { wasmPluginMutableImage } from './wasmPluginMutableImage';

export const rules: Rule[] = [istioGatewayWithoutWaf, ingressWithoutWaf, gatewayApiWithoutWaf, wafDetectionOnly, wasmPluginMutableImage, wafFailOpen];
