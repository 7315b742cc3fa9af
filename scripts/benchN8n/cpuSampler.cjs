// Preloaded (NODE_OPTIONS=--require) into the `n8n execute` processes of `npm run bench:n8n`.
// Samples the process's CPU time (user + system) every 50 ms and, when the process exits, writes
// the samples to BENCH_CPU_DIR/cpu-<pid>.json, so the benchmark can tell the CPU spent while the
// contender node ran (from its start time and execution time in n8n's execution data) from the
// CPU of n8n's start-up. n8n's task runners inherit NODE_OPTIONS and write files of their own;
// `argv` tells them apart.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

// --cpu-quota: join the benchmark's cgroup before n8n starts, so its start-up is held back too.
if (process.env.BENCH_CPU_CGROUP) {
	fs.writeFileSync(path.join(process.env.BENCH_CPU_CGROUP, 'cgroup.procs'), String(process.pid));
}

const dir = process.env.BENCH_CPU_DIR;
if (dir) {
	const samples = [];
	const sample = () => {
		const { user, system } = process.cpuUsage();
		samples.push([Date.now(), (user + system) / 1000]);
	};
	sample();
	setInterval(sample, 50).unref();
	process.on('exit', () => {
		sample();
		fs.writeFileSync(
			path.join(dir, `cpu-${process.pid}.json`),
			JSON.stringify({ argv: process.argv, samples }),
		);
	});
}
