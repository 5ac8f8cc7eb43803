/** The differential test on aws-alb (differential.ts): generated specs and requests, local proxy vs compiled configuration. */
import { describeDifferential } from './differential';

describeDifferential('aws-alb');
