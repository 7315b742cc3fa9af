// The environment every n8n process of the harness gets. A module of its own because both the
// installer (its `n8n --version` check) and the CLI wrapper need it, and the CLI wrapper depends on
// the installer through the package step: here it closes no import circle.

import { withNodeOnPath } from './process.mjs';
import { N8N_MAJOR } from './runtime.mjs';

/** Environment for an offline, quiet, local-only n8n. */
export function baseEnv(userFolder, extra = {}) {
	const keep = {};
	for (const k of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ', 'SHELL', 'USER'])
		if (process.env[k]) keep[k] = process.env[k];
	return withNodeOnPath({
		...keep,
		N8N_USER_FOLDER: userFolder,
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		// SSRF protection is off by default in 2.40; keep it explicit (it would block 127.0.0.0/8).
		N8N_SSRF_PROTECTION_ENABLED: 'false',
		// 2.x: mcp-registry polls api.n8n.io from `n8n start`; nothing else we run needs it.
		// 1.x has no such module and refuses to start with an unknown one.
		...(N8N_MAJOR >= 2 ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
		N8N_LOG_LEVEL: 'warn',
		N8N_LOG_OUTPUT: 'console',
		NODE_ENV: 'production',
		NO_COLOR: '1',
		...extra,
	});
}
