/**
 * Node's flags for the api process, in one place: `npm run dev` and the bench start the api with them, and
 * docker/node.Dockerfile's CMD repeats them (scripts/node-flags.spec.ts checks it does).
 *
 * --max-semi-space-size=32 (MB): a larger young generation for the api, whose requests make short-lived garbage; V8
 * scavenges less often and promotes less (issue 16: api CPU per decision 17.4-19.0 -> 16.2-16.8 ms in runs minutes
 * apart, docs/benchmarks.md). It costs memory (api RSS about 220 -> 300 MB under the bench), so the worker, which has
 * an RSS target, keeps V8's default.
 */
const API_NODE_FLAGS = ['--max-semi-space-size=32'];

module.exports = { API_NODE_FLAGS };
