/** Types of scripts/node-flags.js (a dependency-free CommonJS script that scripts/dev.js requires). */
export declare const API_NODE_FLAGS: string[];
export declare const WORKER_NODE_FLAGS: string[];
