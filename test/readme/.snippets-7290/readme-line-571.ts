import { buildModel, checkCapabilities, loadModel } from '../../../index';

const model = loadModel('examples/specs/web.yaml');       // throws SpecValidationError with every issue
const report = checkCapabilities(model, 'gcp-alb-global'); // { errors, warnings, used }
export {};
