/** Deploy validity over generated deployments, shard 1 of 3 (test/gcp/api/generated.ts). */
import { describeGeneratedShard } from './api/generated';

describeGeneratedShard(1);
