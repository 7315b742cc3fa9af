// Preloaded (NODE_OPTIONS=--require) into short-lived n8n CLI commands by n8n.mjs.
//
// n8n 2.40.7's BaseCommand.finally() calls process.exit() without disposing the isolated-vm
// expression engine that `execute` (and `import:workflow`) start; on Node 24 the process
// then often dies with SIGSEGV while exiting, after the run is complete. This wraps
// process.exit so that Expression.disposeExpressionEngine() (the same call n8n's own
// exitSuccessFully() makes) runs first. It changes nothing else.
'use strict';

const realExit = process.exit;
let exiting = false;

process.exit = function exitAfterDisposingExpressionEngine(code) {
	if (exiting) return realExit.call(process, code);
	exiting = true;
	let Expression;
	try {
		const from = process.env.E2E_N8N_PACKAGE_DIR ? [process.env.E2E_N8N_PACKAGE_DIR] : undefined;
		({ Expression } = require(require.resolve('n8n-workflow', from ? { paths: from } : undefined)));
	} catch {
		return realExit.call(process, code);
	}
	if (!Expression || typeof Expression.disposeExpressionEngine !== 'function')
		return realExit.call(process, code);
	const finish = () => realExit.call(process, code);
	const timer = setTimeout(finish, 10_000);
	Promise.resolve()
		.then(() => Expression.disposeExpressionEngine())
		.catch(() => {})
		.finally(() => {
			clearTimeout(timer);
			finish();
		});
};
