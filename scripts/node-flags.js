/**
 * Node's flags for the api and worker processes, in one place: `npm run dev` and the bench start them with these, and
 * docker/node.Dockerfile's CMD (the api) and docker/compose.yaml's worker command repeat them (scripts/node-flags.spec.ts
 * checks they do).
 *
 * --max-semi-space-size=32 (MB): a larger young generation for the api, whose requests make short-lived garbage; V8
 * scavenges less often and promotes less (issue 16: api CPU per decision 17.4-19.0 -> 16.2-16.8 ms in runs minutes
 * apart, docs/benchmarks.md). It costs memory (api RSS about 220 -> 300 MB under the bench).
 *
 * --max-semi-space-size=16 (MB) for the worker, V8's default, stated so that the choice is visible. The fourth stop
 * had 4 (worker RSS peak 374-403 -> 305-321 MB with no CPU cost seen then); once the sandbox's watchdog threads and most
 * of its stack capture were gone (fifth stop), garbage collection was a larger share of the worker, and in runs minutes
 * apart 16 MB gave 68.1 and 68.4 decisions/s (worker 8.2 ms of CPU per decision) against 64.1-66.3 (8.8-9.3 ms) with
 * 4 and 64.9-66.4 with 8, for 373 MB of RSS peak against 298-315. The throughput target counts for more than the RSS
 * one, which 4 did not meet either (docs/benchmarks.md, "Issue 16, fifth stop").
 */
const API_NODE_FLAGS = ['--max-semi-space-size=32'];
const WORKER_NODE_FLAGS = ['--max-semi-space-size=16'];

module.exports = { API_NODE_FLAGS, WORKER_NODE_FLAGS };
