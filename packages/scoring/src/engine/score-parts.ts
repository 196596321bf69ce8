/**
 * Rounds each part of a score so the rounded parts add up to the rounded total (largest remainder): a score card
 * whose lines sum to the score it explains, even when fading points leave fractions.
 */
export function roundToTotal(parts: number[]): number[] {
  const total = Math.round(parts.reduce((sum, part) => sum + part, 0));
  const floors = parts.map((part) => Math.floor(part));
  let missing = total - floors.reduce((sum, part) => sum + part, 0);
  const byRemainder = parts
    .map((part, index) => ({ index, remainder: part - Math.floor(part) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  const rounded = [...floors];
  for (const { index } of byRemainder) {
    if (missing <= 0) break;
    rounded[index]! += 1;
    missing -= 1;
  }
  return rounded;
}
