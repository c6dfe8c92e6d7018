// Rules of pillar 02, secure channel (mTLS): each rule is a module in this folder, listed here.
import type { Rule } from '../types';
import { peerAuthenticationNotStrict } from './peerAuthenticationNotStrict';

export const rules: Rule[] = [peerAuthenticationNotStrict];
