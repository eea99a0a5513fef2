import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { npsSummary, percentOf, ratingSummary, roundHalfAwayFromZero } from "./results-math";

const counts = (entries: [number, number][]) => new Map(entries);

describe("NPS", () => {
  test("promoters minus detractors, in percent of everyone who answered", () => {
    // 5 promoters (9, 10), 3 passives (7, 8), 2 detractors (0–6) of 10: 50% − 20% = 30
    const nps = npsSummary(
      counts([
        [10, 3],
        [9, 2],
        [8, 2],
        [7, 1],
        [6, 1],
        [0, 1],
      ]),
    );
    assert.deepEqual([nps.score, nps.promoters, nps.passives, nps.detractors, nps.answered], [30, 5, 3, 2, 10]);
    assert.equal(nps.distribution.length, 11);
    assert.deepEqual(nps.distribution[10], { value: 10, count: 3, percent: 30 });
  });

  test("rounds to a whole number, halves away from zero", () => {
    // 1 promoter, 0 detractors of 8: 12.5 → 13; 0 promoters, 1 detractor of 8: −12.5 → −13
    assert.equal(
      npsSummary(
        counts([
          [9, 1],
          [7, 7],
        ]),
      ).score,
      13,
    );
    assert.equal(
      npsSummary(
        counts([
          [3, 1],
          [8, 7],
        ]),
      ).score,
      -13,
    );
    // 2 promoters, 1 detractor of 3: 66.67 − 33.33 = 33.33 → 33
    assert.equal(
      npsSummary(
        counts([
          [10, 2],
          [5, 1],
        ]),
      ).score,
      33,
    );
  });

  test("the extremes are 100 and −100, and nobody answering is no score", () => {
    assert.equal(npsSummary(counts([[10, 4]])).score, 100);
    assert.equal(
      npsSummary(
        counts([
          [0, 4],
          [6, 1],
        ]),
      ).score,
      -100,
    );
    assert.equal(npsSummary(counts([])).score, null);
  });

  test("a score of zero is reported as 0, not −0", () => {
    assert.ok(
      Object.is(
        npsSummary(
          counts([
            [10, 1],
            [0, 1],
          ]),
        ).score,
        0,
      ),
    );
    // 1 detractor more than promoters among 250: −0.4 rounds to 0
    assert.ok(
      Object.is(
        npsSummary(
          counts([
            [10, 10],
            [0, 11],
            [8, 229],
          ]),
        ).score,
        0,
      ),
    );
  });
});

describe("ratings", () => {
  test("average to two decimals, every value 1–5 listed", () => {
    const rating = ratingSummary(
      counts([
        [5, 2],
        [4, 1],
      ]),
    );
    assert.equal(rating.average, 4.67);
    assert.equal(rating.answered, 3);
    assert.deepEqual(
      rating.distribution.map((d) => d.count),
      [0, 0, 0, 1, 2],
    );
    assert.equal(ratingSummary(counts([])).average, null);
  });
});

describe("percentages", () => {
  test("one decimal, and 0 of nobody", () => {
    assert.equal(percentOf(1, 3), 33.3);
    assert.equal(percentOf(2, 3), 66.7);
    assert.equal(percentOf(0, 0), 0);
    assert.ok(Object.is(roundHalfAwayFromZero(-0.4), 0));
  });
});
