/** A rate as a percentage with one decimal, or a dash when nothing was sent. */
export const percent = (rate: number | null | undefined) =>
  rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
