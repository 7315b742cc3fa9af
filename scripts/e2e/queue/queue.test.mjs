// The feed trigger in n8n's queue mode (one main, one worker, Redis and PostgreSQL from Debian's
// packages), with Commit Events "After the Workflow Succeeds". Against the VTEX sandbox:
//   1. events whose execution failed are never committed and come back; a worker killed
//      (kill -9) while executions run loses nothing and runs nothing twice;
//   2. a main killed (kill -9) while executions run: the worker finishes them, but their done
//      promises died with the main, so the events are not committed, come back after the
//      visibility timeout and run again (at least once, as docs/triggers.md says).
// Run: `npm run test:e2e -- --queue` (after `npm run build`). About ten minutes: the trigger
// polls once a minute.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import {
	N8N_VERSION,
	PACKAGE_NAME,
	createInstance,
	destroyInstance,
	ensureQueueServices,
	importVtexCredential,
	importWorkflow,
	log,
	prepare,
	publishWorkflow,
	queueModeEnv,
	sleepMs,
	startN8n,
	startPostgres,
	startRedis,
	startSandboxProcess,
	startWorker,
} from '../n8n.mjs';

/** Long enough for one execution (a 6 s Wait), short enough to see redeliveries within a few polls. */
const VISIBILITY_TIMEOUT_MS = 45_000;
const WAIT_SECONDS = 6;
const FAILING = ['FAIL-1-01', 'FAIL-2-01'];

/** Feed trigger (After the Workflow Succeeds) → If the order is one of FAILING: Stop and Error; else Wait 6 s → POST to the ERP. */
function feedToErpWorkflow(credential, erpUrl) {
	const node = (name, type, typeVersion, parameters, extra = {}) => ({
		id: randomUUID(),
		name,
		type,
		typeVersion,
		position: [0, 0],
		parameters,
		...extra,
	});
	const to = (name, index = 0) => ({ node: name, type: 'main', index });
	return {
		name: 'e2e queue: feed → ERP',
		nodes: [
			node(
				'VTEX Order Feed Trigger',
				`${PACKAGE_NAME}.vtexOrderProcessingTrigger`,
				1,
				{
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					commitMode: 'afterSuccess',
					emitMode: 'perEvent',
				},
				{ credentials: { vtexOrderProcessingApi: { id: credential.id, name: credential.name } } },
			),
			node('ERP Refuses?', 'n8n-nodes-base.if', 2.2, {
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
					conditions: [
						{
							id: randomUUID(),
							leftValue: '={{ $json.orderId }}',
							rightValue: 'FAIL-',
							operator: { type: 'string', operation: 'startsWith' },
						},
					],
					combinator: 'and',
				},
				options: {},
			}),
			node('Fail', 'n8n-nodes-base.stopAndError', 1, { errorMessage: 'The ERP refused the order' }),
			node(
				'Work',
				'n8n-nodes-base.wait',
				1.1,
				{ amount: WAIT_SECONDS, unit: 'seconds' },
				{ webhookId: randomUUID() },
			),
			node('Send to ERP', 'n8n-nodes-base.httpRequest', 4.2, {
				method: 'POST',
				url: erpUrl,
				sendBody: true,
				specifyBody: 'json',
				jsonBody: '={{ { "orderId": $json.orderId, "eventId": $json.eventId } }}',
				options: {},
			}),
		],
		connections: {
			'VTEX Order Feed Trigger': { main: [[to('ERP Refuses?')]] },
			'ERP Refuses?': { main: [[to('Fail')], [to('Work')]] },
			Work: { main: [[to('Send to ERP')]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

describe(
	`queue mode: n8n ${N8N_VERSION} main + worker, Redis, PostgreSQL`,
	{ timeout: 40 * 60_000 },
	() => {
		let sandbox;
		let redis;
		let postgres;
		let inst;
		let worker;
		let main;
		const stopAll = async () => {
			await main?.stop();
			await worker?.stop();
		};

		/** Per event: still queued, times delivered, times committed; and what the ERP received, by eventId. */
		async function feedState() {
			const events = await sandbox.api('GET', '/_sandbox/feed/events');
			const erp = await sandbox.api('GET', '/_sandbox/erp/orders');
			const erpByEvent = {};
			for (const received of erp)
				erpByEvent[received.body.eventId] = (erpByEvent[received.body.eventId] ?? 0) + 1;
			return { ...events, erpByEvent };
		}

		async function waitFor(what, check, timeoutMs) {
			const deadline = Date.now() + timeoutMs;
			let state;
			while (Date.now() < deadline) {
				state = await feedState();
				if (check(state)) return state;
				await sleepMs(1000);
			}
			throw new Error(
				`${what}: not within ${timeoutMs / 1000} s. Feed: ${JSON.stringify(state)}\n--- main ---\n${main?.output().slice(-3000)}\n--- worker ---\n${worker?.output().slice(-3000)}`,
			);
		}

		async function addBacklog(orderIds) {
			const { eventIds } = await sandbox.api('POST', '/_sandbox/feed/backlog', {
				count: orderIds.length,
				orderIds,
				statuses: ['ready-for-handling'],
			});
			return Object.fromEntries(eventIds.map((eventId, index) => [eventId, orderIds[index]]));
		}

		before(async () => {
			await ensureQueueServices();
			const { tarball } = await prepare();
			sandbox = await startSandboxProcess();
			redis = await startRedis();
			postgres = await startPostgres();
			inst = await createInstance({
				tarball,
				env: queueModeEnv(redis, postgres, randomUUID()),
			});
			log(`N8N_USER_FOLDER=${inst.userFolder}, sandbox at ${sandbox.baseUrl}`);
			const credential = await importVtexCredential(inst, sandbox.credential);
			const workflowId = await importWorkflow(
				inst,
				feedToErpWorkflow(credential, `${sandbox.baseUrl}/_sandbox/erp/orders`),
			);
			await sandbox.api('POST', '/_sandbox/feed/config', {});
			await sandbox.api('PUT', '/_sandbox/feed/settings', {
				visibilityTimeoutMs: VISIBILITY_TIMEOUT_MS,
			});
			await publishWorkflow(inst, workflowId);
		});

		after(async () => {
			await stopAll().catch(() => {});
			await sandbox?.stop();
			await redis?.stop();
			await postgres?.stop();
			if (inst && !process.env.E2E_KEEP) await destroyInstance(inst);
		});

		test(
			'failed executions leave their events uncommitted, and they come back; a worker killed mid-run loses nothing and runs nothing twice',
			{ timeout: 15 * 60_000 },
			async () => {
				const good = ['Q-1-01', 'Q-2-01', 'Q-3-01', 'Q-4-01', 'Q-5-01', 'Q-6-01'];
				const events = await addBacklog([...good, ...FAILING]);
				const goodIds = Object.keys(events).filter((id) => !events[id].startsWith('FAIL-'));
				const failingIds = Object.keys(events).filter((id) => events[id].startsWith('FAIL-'));
				worker = await startWorker(inst);
				main = await startN8n(inst);
				log(`main ${main.pid} and worker ${worker.pid} up; waiting for the first poll`);

				// The first poll hands every event out; the worker's executions then sit in their Wait.
				await waitFor(
					'the first poll',
					(state) => Object.keys(events).every((id) => state.delivered[id] >= 1),
					3 * 60_000,
				);
				await sleepMs(2000);
				const atKill = await feedState();
				const sentBeforeKill = Object.keys(atKill.erpByEvent).length;
				assert.ok(
					sentBeforeKill < goodIds.length,
					`every execution had already finished before the kill: ${JSON.stringify(atKill)}`,
				);
				await worker.kill();
				log(
					`worker killed (kill -9) with ${goodIds.length - sentBeforeKill} of ${goodIds.length} executions unfinished; starting a new worker`,
				);
				worker = await startWorker(inst);

				const done = await waitFor(
					'every good event committed and every failing event delivered again',
					(state) =>
						goodIds.every((id) => state.committed[id] >= 1) &&
						failingIds.every((id) => state.delivered[id] >= 2),
					8 * 60_000,
				);
				for (const id of goodIds)
					assert.equal(
						done.erpByEvent[id],
						1,
						`order ${events[id]} reached the ERP ${done.erpByEvent[id] ?? 0} times: ${JSON.stringify(done)}`,
					);
				for (const id of failingIds) {
					assert.equal(done.committed[id], undefined, `failed order ${events[id]} was committed`);
					assert.ok(done.queued.includes(id), `failed order ${events[id]} left the feed`);
					assert.equal(done.erpByEvent[id], undefined);
				}
				log(
					`1: ${goodIds.length} events committed once each, ERP got each once; failing events delivered ${failingIds.map((id) => done.delivered[id]).join(', ')} times, never committed`,
				);
			},
		);

		test(
			'a main killed mid-run: its running executions finish on the worker, are not committed, come back and run again',
			{ timeout: 15 * 60_000 },
			async () => {
				const before = await feedState();
				const events = await addBacklog(['M-1-01', 'M-2-01', 'M-3-01']);
				const ids = Object.keys(events);
				await waitFor(
					'the poll of the new events',
					(state) => ids.every((id) => state.delivered[id] >= 1),
					3 * 60_000,
				);
				await sleepMs(2000);
				await main.kill();
				log(`main killed (kill -9) while ${ids.length} executions were running on the worker`);
				const finished = await waitFor(
					'the worker finishing them',
					(state) => ids.every((id) => state.erpByEvent[id] >= 1),
					2 * 60_000,
				);
				assert.ok(
					ids.every((id) => finished.committed[id] === undefined),
					`committed without a main: ${JSON.stringify(finished.committed)}`,
				);
				main = await startN8n(inst);
				log('main restarted; waiting for the events to come back and run again');
				const done = await waitFor(
					'the events run again and committed',
					(state) => ids.every((id) => state.committed[id] >= 1 && state.erpByEvent[id] >= 2),
					6 * 60_000,
				);
				for (const id of ids)
					assert.equal(
						done.erpByEvent[id],
						2,
						`order ${events[id]} reached the ERP ${done.erpByEvent[id]} times`,
					);
				// What phase 1 settled stays settled: nothing of it ran again.
				for (const [id, count] of Object.entries(before.erpByEvent))
					assert.equal(done.erpByEvent[id], count);
				log(
					`2: ${ids.length} events ran twice (once before the main died, once after they came back), then committed`,
				);
			},
		);
	},
);
