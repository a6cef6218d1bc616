/**
 * "Did you mean …?": names close to a mistyped one, by edit distance (with transpositions) or by one
 * being a prefix, suffix or substring of the other. Bounded: names longer than 64 characters are
 * never compared, and the distance computation stops as soon as it exceeds the threshold.
 */
const MAX_LENGTH = 64;

/** Edit distance (insert, delete, substitute, swap adjacent) of a and b, or `max + 1` when above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prevPrev = new Uint16Array(n + 1);
  let prev = new Uint16Array(n + 1);
  let row = new Uint16Array(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let best = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, prevPrev[j - 2] + 1);
      row[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    [prevPrev, prev, row] = [prev, row, prevPrev];
  }
  return Math.min(prev[n], max + 1);
}

/** How many edits still read as a typo of a name of this length. */
function threshold(length: number): number {
  if (length <= 4) return 1;
  if (length <= 8) return 2;
  return 3;
}

/**
 * The names in `names` close to `value` (case-insensitive), best first: by edit distance, then
 * prefix/suffix, then substring. A containment only counts when the extra part is short.
 */
export function closeNames(value: string, names: Iterable<string>, limit = 3): string[] {
  const v = value.toLowerCase();
  if (v.length === 0 || v.length > MAX_LENGTH) return [];
  const scored: { name: string; score: number }[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const n = name.toLowerCase();
    if (seen.has(n) || n === v || n.length > MAX_LENGTH) continue;
    seen.add(n);
    const max = threshold(Math.max(n.length, v.length));
    const d = editDistance(v, n, max);
    if (d <= max) {
      scored.push({ name, score: d });
      continue;
    }
    const [short, long] = v.length < n.length ? [v, n] : [n, v];
    const extra = long.length - short.length;
    if (short.length < 3 || extra > Math.max(3, Math.floor(short.length / 2))) continue;
    if (long.startsWith(short) || long.endsWith(short)) scored.push({ name, score: 10 + extra });
    else if (short.length >= 4 && long.includes(short)) scored.push({ name, score: 20 + extra });
  }
  scored.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  return scored.slice(0, limit).map((s) => s.name);
}
