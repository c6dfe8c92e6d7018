// Rules of the pillar "secrets": each rule is a module in this folder, listed here.
import type { Rule } from '../types';

export const rules: Rule[] = [];
