// The arithmetic of results, over counts that SQL has already aggregated. Pure.

/** Percent of `total`, one decimal; 0 when nobody answered. */
export function percentOf(count: number, total: number): number {
  return total === 0 ? 0 : Math.round((count * 1000) / total) / 10;
}

/** Rounds halves away from zero, so −12.5 and 12.5 round alike (to −13 and 13); never −0. */
export function roundHalfAwayFromZero(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value)) + 0;
}

export interface Distribution {
  value: number;
  count: number;
  percent: number;
}

function distribution(counts: ReadonlyMap<number, number>, min: number, max: number) {
  let answered = 0;
  let sum = 0;
  for (let value = min; value <= max; value++) {
    const count = counts.get(value) ?? 0;
    answered += count;
    sum += value * count;
  }
  const values: Distribution[] = [];
  for (let value = min; value <= max; value++) {
    const count = counts.get(value) ?? 0;
    values.push({ value, count, percent: percentOf(count, answered) });
  }
  return { answered, sum, values };
}

export function ratingSummary(counts: ReadonlyMap<number, number>) {
  const { answered, sum, values } = distribution(counts, 1, 5);
  return {
    answered,
    average: answered === 0 ? null : Math.round((sum * 100) / answered) / 100,
    distribution: values,
  };
}

/** Net Promoter Score: % promoters (9–10) minus % detractors (0–6), rounded to a whole number. */
export function npsSummary(counts: ReadonlyMap<number, number>) {
  const { answered, values } = distribution(counts, 0, 10);
  const sumOf = (from: number, to: number) =>
    values.filter((v) => v.value >= from && v.value <= to).reduce((total, v) => total + v.count, 0);
  const promoters = sumOf(9, 10);
  const passives = sumOf(7, 8);
  const detractors = sumOf(0, 6);
  return {
    answered,
    score: answered === 0 ? null : roundHalfAwayFromZero(((promoters - detractors) * 100) / answered),
    promoters,
    passives,
    detractors,
    distribution: values,
  };
}
