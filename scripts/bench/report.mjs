// The bench table: one row per figure, one column per database, and the targets of the README's
// performance section with whether this run met them.

const ms = (n) => (Number.isFinite(n) ? `${n} ms` : "n/a");
const x = (n) => `${n.toFixed(2)}×`;

function storedOnce(submission) {
  const s = submission.stored;
  return (
    s.distinctAcknowledged === s.acknowledged &&
    s.stored >= s.acknowledged &&
    s.abandonedInFlight <= s.inFlightBound &&
    s.everyAnswerStored &&
    submission.notOk + submission.atTargetRate.notOk === 0
  );
}

function storedLine(submission) {
  const s = submission.stored;
  return `${storedOnce(submission) ? "yes" : "NO"}: ${s.acknowledged} 2xx (${s.distinctAcknowledged} distinct ids), ${s.stored} stored (${s.abandonedInFlight} abandoned in flight by the load generator at its deadline), ${submission.notOk + submission.atTargetRate.notOk} non-2xx, ${submission.errors + submission.atTargetRate.errors} errors`;
}

function rows(c) {
  const s = c.signedInAction;
  const r = c.resultsAtScale;
  const growth = r.slice(1).map((row, i) => row.resultsMs / (r[i]?.resultsMs || Number.NaN));
  return [
    [
      "baseline GET /api/ping",
      `${c.baseline.requestsPerSecond}/s, p50 ${ms(c.baseline.p50)}, p99 ${ms(c.baseline.p99)}`,
    ],
    [
      "respondent page GET /s/{t}/{id}",
      `${c.respondentPage.requestsPerSecond}/s (${x(c.respondentPage.ratio)} baseline), p50 ${ms(c.respondentPage.p50)}, p99 ${ms(c.respondentPage.p99)}`,
    ],
    [
      "submission POST …/responses",
      `${c.submission.requestsPerSecond}/s (${x(c.submission.ratio)} baseline), p50 ${ms(c.submission.p50)}, p99 ${ms(c.submission.p99)}`,
    ],
    [
      "  at 30% of baseline's rate (open loop)",
      `${c.submission.atTargetRate.requestsPerSecond}/s offered ${c.submission.atTargetRate.rate}/s, p50 ${ms(c.submission.atTargetRate.p50)}, p99 ${ms(c.submission.atTargetRate.p99)}`,
    ],
    ["  every 2xx stored once", storedLine(c.submission)],
    [
      "signed-in server action → API",
      `${s.requestsPerSecond}/s (${x(s.ratio)} baseline), p50 ${ms(s.p50)}, p99 ${ms(s.p99)}`,
    ],
    [
      "  split p50: token / API / render+rest",
      `${ms(s.split.p50.token)} / ${ms(s.split.p50.api)} / ${ms(s.split.renderAndRestP50)}`,
    ],
    ["  split p99: token / API", `${ms(s.split.p99.token)} / ${ms(s.split.p99.api)}`],
    [
      "  IdP token requests",
      `${s.idpTokenRequestsPer1000Views} per 1,000 views; ${(s.apiCallsWithoutIdpRoundTrip * 100).toFixed(1)}% of ${s.apiCalls} API calls without an IdP round trip`,
    ],
    ...r.map((row, i) => [
      `results, ${row.responses.toLocaleString("en")} responses`,
      `p50 ${ms(row.resultsMs)} (vacuumed ${ms(row.resultsVacuumedMs)})${i > 0 ? `, ×${growth[i - 1]?.toFixed(1)} per 10×` : ""}; CSV ${row.csvSeconds} s`,
    ]),
    ["server RSS before → after", `${c.rssMiB.before} → ${c.rssMiB.after} MiB`],
  ];
}

function targets(c) {
  const s = c.signedInAction;
  const r = c.resultsAtScale;
  const largest = r.at(-1);
  const growth = r.slice(1).map((row, i) => row.resultsMs / (r[i]?.resultsMs || Number.NaN));
  return [
    [
      "submission ≥ 30% of baseline, p99 < 100 ms",
      c.submission.ratio >= 0.3 &&
        c.submission.p99 < 100 &&
        c.submission.stored.stored === c.submission.stored.acknowledged,
    ],
    ["respondent page ≥ 50% of baseline", c.respondentPage.ratio >= 0.5],
    ["warm token acquisition p50 < 2 ms, 0 IdP calls", s.split.p50.token < 2 && s.idpTokenRequests === 0],
    [
      "results at 100k < 500 ms, < 10× per 10×",
      largest?.responses === 100_000 && largest.resultsMs < 500 && growth.every((g) => g < 10),
    ],
  ];
}

export function printReport(report) {
  const columns = report.columns;
  const table = columns.map(rows);
  const width = Math.max(...table[0].map(([name]) => name.length));
  for (const [i, column] of columns.entries()) {
    console.log(`\n${column.label} (${column.connections} connections, ${column.seconds} s per scenario)`);
    for (const [name, value] of table[i]) console.log(`  ${name.padEnd(width)}  ${value}`);
    if (column.serverCpuProfile) {
      console.log("  server CPU by self time (whole run):");
      for (const { where, percent } of column.serverCpuProfile)
        console.log(`    ${String(percent).padStart(5)}%  ${where}`);
    }
    console.log("  targets:");
    for (const [name, met] of targets(column)) console.log(`    ${met ? "met    " : "NOT met"}  ${name}`);
  }
}
