/** The differential test on azure-appgw (differential.ts): generated specs and requests, local proxy vs compiled configuration. */
import { describeDifferential } from './differential';

describeDifferential('azure-appgw');
