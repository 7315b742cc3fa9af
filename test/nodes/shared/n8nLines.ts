import { existsSync } from 'fs';
import { createRequire } from 'module';
import { join } from 'path';

import * as workflow2x from 'n8n-workflow';

/**
 * The n8n-workflow of each n8n line the package supports. Jest runs the 2.x the repository
 * installs; the 1.x is the one n8n 1.123.81 ships, installed by the end-to-end harness
 * (scripts/e2e) under E2E_CACHE_DIR. Without it the 1.x cases are reported as skipped.
 */
export type N8nWorkflowModule = typeof workflow2x;

const N8N_1X_VERSION = '1.123.81';

function workflow1xDir(): string {
	const cache = process.env.E2E_CACHE_DIR ?? join(__dirname, '..', '..', '..', '..', 'e2e-cache');
	return join(cache, `n8n-${N8N_1X_VERSION}`, 'node_modules', 'n8n-workflow');
}

export function loadWorkflow1x(): N8nWorkflowModule | undefined {
	const dir = workflow1xDir();
	if (!existsSync(join(dir, 'package.json'))) return undefined;
	return createRequire(__filename)(dir) as N8nWorkflowModule;
}

export const workflow1xWhere = workflow1xDir;

export { workflow2x };
