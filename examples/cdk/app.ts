/**
 * The CDK app of cdk.json (`npx cdk synth`): one stack per example spec, checked by cdk-nag's AwsSolutions
 * pack at synthesis (a finding that is not acknowledged fails the synth).
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addExampleStacks } from './stacks';

const app = new App();
addExampleStacks(app);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
