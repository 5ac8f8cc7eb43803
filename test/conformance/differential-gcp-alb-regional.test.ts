/** The differential test on gcp-alb-regional (differential.ts): generated specs and requests, local proxy vs compiled configuration. */
import { describeDifferential } from './differential';

describeDifferential('gcp-alb-regional');
