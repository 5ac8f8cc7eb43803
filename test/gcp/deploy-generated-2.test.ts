/** Deploy validity over generated deployments, shard 2 of 3 (test/gcp/api/generated.ts). */
import { describeGeneratedShard } from './api/generated';

describeGeneratedShard(2);
