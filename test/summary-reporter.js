// Prints one plain closing line, "jest: N passed, N failed, N skipped", that CI reads.
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		const line = `\njest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`;
		// Jest's own summary goes to stderr and CI may read either stream: close both with the line.
		process.stderr.write(line);
		process.stdout.write(line);
	}
}

module.exports = SummaryReporter;
