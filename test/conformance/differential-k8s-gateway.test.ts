/** The differential test on k8s-gateway (differential.ts): generated specs and requests, local proxy vs the HTTPRoutes. */
import { describeDifferential } from './differential';

describeDifferential('k8s-gateway');
