#!/usr/bin/env node
// `npm run dev`: this package in a real n8n editor, in one command (after `npm run build`, which
// the npm script runs first).
//
//   1. Node 24 and n8n 2.40.7 from the e2e install cache (E2E_CACHE_DIR, default <repo>/.e2e-cache;
//      installed there on the first run);
//   2. the VTEX sandbox, `npm run sandbox`, as a process of its own;
//   3. an n8n home (N8N_DEV_USER_FOLDER, default ~/.n8n-vtex-order-processing-dev, kept between
//      runs) with this package packed and installed as n8n installs a community package, so each
//      start runs the latest build;
//   4. a credential "VTEX Order Processing account" pointing at the sandbox, and the examples of
//      workflows-examples/ imported (their ERP and chat URLs pointed at the sandbox's stand-ins):
//      those new or changed since the last start only, since n8n's import unpublishes a workflow
//      and would undo what the user published; the sandbox's orders feed configured, with one
//      event waiting, so the feed trigger's first Fetch Test Event shows one;
//   5. `n8n start`, the owner account set up through n8n's own first-run form
//      (POST /rest/owner/setup), and the URL, the login, the sandbox's credential and how to make
//      a test event printed;
//   6. Ctrl-C (SIGINT) or SIGTERM stops n8n and the sandbox, and nothing is left running.
//
// Environment: N8N_PORT (default 5678 when free), SANDBOX_PORT (default 8787 when free),
// N8N_DEV_USER_FOLDER, E2E_CACHE_DIR, E2E_VERBOSE=1 (stream n8n's output).

import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import {
	DEV_OWNER,
	N8N_VERSION,
	PACKAGE_NAME,
	REPO_DIR,
	createInstance,
	ensureN8n,
	getFreePort,
	importCredentials,
	importWorkflows,
	log,
	logIn,
	minutesAndSeconds,
	packPackage,
	setLogTag,
	setUpOwner,
	startN8n,
	startSandboxProcess,
} from './e2e/n8n.mjs';

const EXAMPLES_DIR = path.join(REPO_DIR, 'workflows-examples');
const catalogue = JSON.parse(
	fs.readFileSync(path.join(REPO_DIR, 'test/workflows-examples/catalogue.json'), 'utf8'),
);

/** Stable, so each start updates the same credential instead of adding one. */
const DEV_CREDENTIAL_ID = 'VtexDevSandbox01';
/** The name n8n gives a new credential of this type: the examples link to it by that name. */
const DEV_CREDENTIAL_NAME = catalogue.credentialName;

/** The order the start-up message's test event moves, and the status both example triggers wait for. */
const TEST_EVENT = { orderId: '1009-01', status: 'ready-for-handling' };

setLogTag('dev');

async function isFree(port) {
	const server = net.createServer();
	return await new Promise((resolve) => {
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** The port asked for in `envName`, else `preferred` when free, else any free port. */
async function pickPort(envName, preferred) {
	if (process.env[envName]) return Number(process.env[envName]);
	return (await isFree(preferred)) ? preferred : await getFreePort();
}

/** Every example file, its placeholder URLs (the ERP, the team chat) pointed at the sandbox's stand-ins. */
function examplesFor(sandboxBaseUrl) {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			let text = fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
			for (const [placeholder, sandboxPath] of Object.entries(catalogue.placeholders)) {
				text = text.split(placeholder).join(`${sandboxBaseUrl}${sandboxPath}`);
			}
			return { file, workflow: JSON.parse(text) };
		});
}

/**
 * The examples to import: those whose text (after the placeholders) differs from what the last
 * start imported into this n8n home, by file. n8n's `import:workflow` deactivates a workflow it
 * replaces, so importing an unchanged example again would unpublish it for nothing.
 * @returns {{firstStart: boolean, changed: Array<{file:string, workflow:any}>, kept: string[], save(): void}}
 */
function examplesToImport(userFolder, examples) {
	const stampFile = path.join(userFolder, 'dev-examples.json');
	let imported = {};
	try {
		imported = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
	} catch {
		// first start in this home
	}
	const digest = (workflow) =>
		crypto.createHash('sha256').update(JSON.stringify(workflow)).digest('hex');
	const changed = examples.filter(({ file, workflow }) => imported[file] !== digest(workflow));
	return {
		firstStart: Object.keys(imported).length === 0,
		changed,
		kept: examples.filter((example) => !changed.includes(example)).map(({ file }) => file),
		save: () =>
			fs.writeFileSync(
				stampFile,
				JSON.stringify(
					Object.fromEntries(examples.map(({ file, workflow }) => [file, digest(workflow)])),
					null,
					2,
				),
			),
	};
}

/** What became of the examples' published state, for the start-up message. */
function examplesNotice({ firstStart, changed, kept }) {
	const pad = '              ';
	if (firstStart) return [];
	if (changed.length === 0)
		return [
			`${pad}kept as you left them, published ones too (imported again only when their file changes)`,
		];
	return [
		`${pad}imported again, so unpublished (changed since the last start): ${changed.map(({ file }) => file).join(', ')}`,
		...(kept.length ? [`${pad}kept as you left them, published ones too: ${kept.join(', ')}`] : []),
	];
}

/** Whether a process (group leader) is still there. */
function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** SIGTERM to a process group we spawned, SIGKILL after 20 s, resolved once its leader is gone. */
async function stopGroup(pid) {
	try {
		process.kill(-pid, 'SIGTERM');
	} catch {
		return;
	}
	const deadline = Date.now() + 20_000;
	while (alive(pid)) {
		if (Date.now() > deadline) {
			try {
				process.kill(-pid, 'SIGKILL');
			} catch {
				// gone meanwhile
			}
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/**
 * The pids of this process's own children (Linux: /proc). n8n.mjs spawns each command detached, so
 * each child leads a process group of its own: stopping those groups on Ctrl-C also ends a
 * first-run install or an import still under way, which no handle here reaches.
 */
function ownChildren() {
	try {
		return fs
			.readdirSync('/proc')
			.filter((entry) => /^\d+$/.test(entry))
			.filter((pid) => {
				try {
					// /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'.
					const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
					return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid;
				} catch {
					return false;
				}
			})
			.map(Number);
	} catch {
		return [];
	}
}

async function main() {
	const started = Date.now();
	let sandbox;
	let server;
	// The process groups of n8n and the sandbox, known from the moment they are spawned, so Ctrl-C
	// during startup stops them too (and, on Linux, any other child: see ownChildren).
	const groups = new Set();
	let stopping;
	const stopAll = (reason) =>
		(stopping ??= (async () => {
			log(`${reason}: stopping n8n and the sandbox`);
			await Promise.allSettled([...new Set([...groups, ...ownChildren()])].map(stopGroup));
			log('stopped');
		})());
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.on(signal, () => void stopAll(signal).then(() => process.exit(0)));
	}

	try {
		const runtime = await ensureN8n();
		const installMs = Object.values(runtime.timings).reduce((sum, ms) => sum + ms, 0);
		log(
			`Node ${runtime.nodeVersion}, n8n ${runtime.n8nVersion} ready (${installMs ? `installed in ${minutesAndSeconds(installMs)}` : 'cached'})`,
		);

		sandbox = await startSandboxProcess({
			port: await pickPort('SANDBOX_PORT', 8787),
			onSpawn: (pid) => groups.add(pid),
		});
		log(`VTEX sandbox at ${sandbox.baseUrl} (pid ${sandbox.pid})`);

		const userFolder = path.resolve(
			process.env.N8N_DEV_USER_FOLDER || path.join(os.homedir(), '.n8n-vtex-order-processing-dev'),
		);
		const tarball = await packPackage({ destDir: path.join(userFolder, 'pack') });
		const inst = await createInstance({ tarball, userFolder });
		log(
			`${PACKAGE_NAME} installed into ${path.join(userFolder, '.n8n', 'nodes')} from ${path.basename(tarball)}`,
		);

		await importCredentials(inst, {
			id: DEV_CREDENTIAL_ID,
			name: DEV_CREDENTIAL_NAME,
			type: 'vtexOrderProcessingApi',
			data: { ...sandbox.credential, environment: 'vtexcommercestable' },
		});
		const examples = examplesFor(sandbox.baseUrl);
		const toImport = examplesToImport(userFolder, examples);
		if (toImport.changed.length > 0) {
			await importWorkflows(
				inst,
				toImport.changed.map(({ workflow }) => workflow),
			);
			toImport.save();
		}
		log(
			`credential "${DEV_CREDENTIAL_NAME}" → ${sandbox.baseUrl}; examples imported: ${toImport.changed.length}, kept as you left them: ${toImport.kept.length}`,
		);
		// The app key's orders feed, as VTEX → Feed → Set Configuration would make it (each app key
		// has its own; a new one has none), and one event in it: the order 1009-01 the sandbox seeds
		// in ready-for-handling, so the feed trigger's first Fetch Test Event has one to show.
		await sandbox.api('POST', '/_sandbox/feed/config', {});
		await sandbox.api('POST', `/_sandbox/orders/${TEST_EVENT.orderId}/status`, {
			status: TEST_EVENT.status,
		});

		const port = await pickPort('N8N_PORT', 5678);
		server = await startN8n(inst, { port, onSpawn: (pid) => groups.add(pid) });
		const firstRun = await setUpOwner(server.baseUrl);
		await logIn(server.baseUrl, DEV_OWNER);

		const { credential } = sandbox;
		const feeds = (await sandbox.api('GET', '/_sandbox/feed')).feeds;
		const visibilitySeconds = feeds[credential.appKey]?.config.queue.visibilityTimeoutInSeconds;
		const testEvent = `curl -X POST ${sandbox.baseUrl}/_sandbox/orders/${TEST_EVENT.orderId}/status -H 'Content-Type: application/json' -d '${JSON.stringify({ status: TEST_EVENT.status })}'`;
		console.log(
			[
				'',
				`n8n ${N8N_VERSION} with ${PACKAGE_NAME} is running (ready in ${minutesAndSeconds(Date.now() - started)}):`,
				`  Editor:     ${server.baseUrl}`,
				`  Login:      ${DEV_OWNER.email} / ${DEV_OWNER.password}${firstRun ? ' (owner set up just now)' : ''}`,
				`  Credential: "${DEV_CREDENTIAL_NAME}" → the VTEX sandbox (a stand-in for VTEX, no account needed):`,
				`              Account Name ${credential.accountName}, Base URL ${credential.baseUrl},`,
				`              App Key ${credential.appKey}, App Token ${credential.appToken}`,
				`  Examples:   ${examples.map(({ workflow }) => workflow.name).join('; ')}`,
				...examplesNotice(toImport),
				`  n8n home:   ${userFolder}`,
				'',
				'Test events (the sandbox moves an order as VTEX would, and tells the feed and the hook):',
				`  VTEX Order Feed Trigger → Fetch Test Event: one event is waiting (order ${TEST_EVENT.orderId}, ${TEST_EVENT.status}).`,
				`  A test commits nothing: the event comes back after the feed's visibility timeout (${visibilitySeconds} s here). Make another with`,
				`    ${testEvent}`,
				'  VTEX Order Hook Trigger → Execute step (it waits for a call), then the same command: the sandbox notifies the test URL.',
				'Ctrl-C stops n8n and the sandbox.',
				'',
			].join('\n'),
		);

		// Either child ending on its own ends the session.
		const ended = await Promise.race([
			sandbox.exited.then(() => `the sandbox exited:\n${sandbox.output().slice(-2000)}`),
			new Promise((resolve) => {
				const timer = setInterval(() => {
					if (alive(server.pid)) return;
					clearInterval(timer);
					resolve(`n8n exited:\n${server.output().slice(-3000)}`);
				}, 1000);
			}),
		]);
		if (stopping) return 0;
		console.error(ended);
		await stopAll('a process ended');
		return 1;
	} catch (error) {
		await stopAll('setup failed');
		throw error;
	}
}

main().then(
	(code) => {
		if (code) process.exit(code);
	},
	(error) => {
		console.error(error?.stack ?? error);
		process.exit(1);
	},
);
