// Prints the plain closing line CI reads: "N passed, N failed, N skipped".
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests: passed, numFailedTests: failed, numPendingTests: skipped, numTodoTests: todo } = results;
    const failedSuites = results.numFailedTestSuites ?? 0;
    process.stdout.write(`\nTests: ${passed} passed, ${failed + failedSuites} failed, ${skipped + todo} skipped\n`);
  }
}
module.exports = SummaryReporter;
