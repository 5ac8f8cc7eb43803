/** The differential test on gcp-alb-global (differential.ts): generated specs and requests, local proxy vs compiled configuration. */
import { describeDifferential } from './differential';

describeDifferential('gcp-alb-global');
