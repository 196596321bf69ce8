import { touchesOrDirect, type ConversionPath, type Credits, type Transition } from './conversion-path.ts';

const START = 0;

/**
 * Transition counts of the first-order chain start → touch keys… → conversion | null. Consecutive touches of the
 * same key stay transitions (a self-loop), as the model is defined.
 */
export class TouchChain {
  readonly keys: string[] = [];
  private readonly index = new Map<string, number>();
  /** from state → (to state → count); states: 0 = start, 1…n = keys; CONVERSION and NULL as below. */
  private readonly counts = new Map<number, Map<number, number>>();
  static readonly CONVERSION = -1;
  static readonly NULL = -2;

  /** From whole paths, and from paths known only by their transitions (`transitions`, none ending in a conversion). */
  constructor(paths: readonly ConversionPath[], transitions: readonly Transition[] = []) {
    for (const path of paths) {
      const touches = path.conversion
        ? touchesOrDirect({ ...path, conversion: path.conversion })
        : path.touches;
      const times = path.count ?? 1;
      let from = START;
      for (const touch of touches) {
        const to = this.state(touch.key);
        this.count(from, to, times);
        from = to;
      }
      this.count(from, path.conversion ? TouchChain.CONVERSION : TouchChain.NULL, times);
    }
    for (const t of transitions)
      this.count(
        t.from === null ? START : this.state(t.from),
        t.to === null ? TouchChain.NULL : this.state(t.to),
        t.count,
      );
  }

  /**
   * The probability that a walk from start ends in conversion, with the chain as observed or with one key removed
   * (every transition into it goes to null instead).
   */
  conversionProbability(removed?: string): number {
    const removedState = removed === undefined ? undefined : this.index.get(removed);
    // Unknowns x_s = P(conversion | at s) for start and every kept key: x_s − Σ_t p(s,t)·x_t = p(s, conversion).
    const states = [START, ...this.keys.map((_, i) => i + 1)].filter((s) => s !== removedState);
    const column = new Map(states.map((s, i) => [s, i]));
    const n = states.length;
    const a = states.map(() => new Float64Array(n + 1));
    states.forEach((s, row) => {
      a[row]![row] = 1;
      const out = this.counts.get(s);
      if (!out) return;
      let total = 0;
      for (const count of out.values()) total += count;
      for (const [to, count] of out) {
        const p = count / total;
        if (to === TouchChain.CONVERSION) a[row]![n]! += p;
        else if (to !== TouchChain.NULL && to !== removedState) a[row]![column.get(to)!]! -= p;
      }
    });
    return solve(a)[0] ?? 0;
  }

  private state(key: string): number {
    let state = this.index.get(key);
    if (state === undefined) {
      this.keys.push(key);
      state = this.keys.length;
      this.index.set(key, state);
    }
    return state;
  }

  private count(from: number, to: number, times: number) {
    const out = this.counts.get(from) ?? new Map<number, number>();
    out.set(to, (out.get(to) ?? 0) + times);
    this.counts.set(from, out);
  }
}

/**
 * Data-driven attribution: each key's removal effect — the share of the conversion probability lost when the key is
 * removed from the chain — normalised so the credits sum to the total converted value. Paths that did not convert
 * may come as `unconverted` transition counts instead of whole paths: the chain is the same.
 */
export function markov(paths: readonly ConversionPath[], unconverted: readonly Transition[] = []): Credits {
  const chain = new TouchChain(paths, unconverted);
  const converted = paths.reduce((sum, p) => sum + (p.conversion?.value ?? 0), 0);
  const base = chain.conversionProbability();
  const credits: Credits = Object.fromEntries(chain.keys.map((k) => [k, 0]));
  if (base <= 0) return credits;
  const effects = chain.keys.map((key) => Math.max(0, 1 - chain.conversionProbability(key) / base));
  const total = effects.reduce((a, b) => a + b, 0);
  if (total <= 0) return credits;
  chain.keys.forEach((key, i) => (credits[key] = (converted * effects[i]!) / total));
  return credits;
}

/** Gaussian elimination with partial pivoting on an augmented n×(n+1) matrix; the chain makes it non-singular. */
function solve(a: Float64Array[]): number[] {
  const n = a.length;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++)
      if (Math.abs(a[row]![col]!) > Math.abs(a[pivot]![col]!)) pivot = row;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]![col]!;
    if (Math.abs(p) < 1e-15) continue;
    for (let row = 0; row < n; row++) {
      if (row === col) continue;
      const factor = a[row]![col]! / p;
      if (factor === 0) continue;
      for (let k = col; k <= n; k++) a[row]![k]! -= factor * a[col]![k]!;
    }
  }
  return a.map((row, i) => (Math.abs(row[i]!) < 1e-15 ? 0 : row[n]! / row[i]!));
}
