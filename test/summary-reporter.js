// Prints one plain closing line, "jest: N passed, N failed, N skipped", that CI reads. It is
// written when the process exits, after Jest's own summary, on both streams.
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		const line = `jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`;
		process.on('exit', () => {
			process.stderr.write(line);
			process.stdout.write(line);
		});
	}
}

module.exports = SummaryReporter;
