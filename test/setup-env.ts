import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LoggerProxy } from 'n8n-workflow';

// n8n-core writes an encryption key to N8N_USER_FOLDER when it starts; keep it out of $HOME.
process.env.N8N_USER_FOLDER ??= mkdtempSync(path.join(tmpdir(), 'n8n-vtex-test-'));
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.N8N_LOG_LEVEL ??= 'silent';

// n8n's logger prints every node error to the console; tests assert on errors instead.
const quiet = () => {};
LoggerProxy.init({ error: quiet, warn: quiet, info: quiet, debug: quiet } as unknown as Parameters<
	typeof LoggerProxy.init
>[0]);
