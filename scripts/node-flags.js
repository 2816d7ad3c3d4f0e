/**
 * Node's flags for the api and worker processes, in one place: `npm run dev` and the bench start them with these, and
 * docker/node.Dockerfile's CMD (the api) and docker/compose.yaml's worker command repeat them (scripts/node-flags.spec.ts
 * checks they do).
 *
 * --max-semi-space-size=32 (MB): a larger young generation for the api, whose requests make short-lived garbage; V8
 * scavenges less often and promotes less (issue 16: api CPU per decision 17.4-19.0 -> 16.2-16.8 ms in runs minutes
 * apart, docs/benchmarks.md). It costs memory (api RSS about 220 -> 300 MB under the bench), so the worker, which has
 * an RSS target, does not take it.
 *
 * --max-semi-space-size=4 (MB) for the worker: a smaller young generation than V8's default (16 MB per semi-space, for
 * each of the worker's two isolates: the main thread and the workflow thread). Worker RSS peak 374-403 -> 305-321 MB in
 * the bench, with no CPU cost seen: worker CPU per decision 12.8-13.3 ms against 13.3-13.6 in runs minutes apart
 * (docs/benchmarks.md, "Issue 16, fourth stop").
 */
const API_NODE_FLAGS = ['--max-semi-space-size=32'];
const WORKER_NODE_FLAGS = ['--max-semi-space-size=4'];

module.exports = { API_NODE_FLAGS, WORKER_NODE_FLAGS };
