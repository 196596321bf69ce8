/**
 * A value axis people can read: 0 to a round maximum (1, 2, 2.5 or 5 times a power of ten) in `count` equal steps,
 * every tick a round number, the largest value inside.
 */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return Array.from({ length: count + 1 }, (_, i) => i);
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const whole = step < 1 && max >= count ? 1 : step;
  return Array.from({ length: count + 1 }, (_, i) => Number((i * whole).toPrecision(12)));
}

/** Which of `n` bars get a label on the time axis so labels `labelWidth` apart fit in `width`: every k-th. */
export function labelEvery(n: number, width: number, labelWidth = 64): number {
  if (n <= 0) return 1;
  const fits = Math.max(1, Math.floor(width / labelWidth));
  return Math.max(1, Math.ceil(n / fits));
}
