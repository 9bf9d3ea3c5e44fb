/** Lines around each change, as `diff -u` shows them. */
const CONTEXT = 3;
/** Above this many cells the line-matching table is skipped and the middle shown as replaced. */
const MAX_TABLE_CELLS = 4_000_000;

type Edit = { kind: " " | "-" | "+"; line: string };

/** Longest-common-subsequence edit script of two line lists that share no prefix or suffix. */
function editScript(before: string[], after: string[]): Edit[] {
  const n = before.length;
  const m = after.length;
  if (n * m > MAX_TABLE_CELLS) {
    return [
      ...before.map((line) => ({ kind: "-" as const, line })),
      ...after.map((line) => ({ kind: "+" as const, line })),
    ];
  }
  // lengths[i * (m + 1) + j]: LCS length of before[i..] and after[j..].
  const lengths = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * (m + 1) + j] =
        before[i] === after[j]
          ? (lengths[(i + 1) * (m + 1) + j + 1] as number) + 1
          : Math.max(lengths[(i + 1) * (m + 1) + j] as number, lengths[i * (m + 1) + j + 1] as number);
    }
  }
  const edits: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      edits.push({ kind: " ", line: before[i++] as string });
      j++;
    } else if (
      i < n &&
      (j === m || (lengths[(i + 1) * (m + 1) + j] as number) >= (lengths[i * (m + 1) + j + 1] as number))
    ) {
      // Deletions before insertions, as diff(1) shows a replaced line.
      edits.push({ kind: "-", line: before[i++] as string });
    } else {
      edits.push({ kind: "+", line: after[j++] as string });
    }
  }
  return edits;
}

/**
 * A unified diff (`---`/`+++`, `@@` hunks, three lines of context) from `before` to
 * `after`, cut after `maxLines` lines with a note of how many more there were. Empty when
 * the texts are equal.
 */
export function unifiedDiff(
  before: string,
  after: string,
  labels: { before: string; after: string },
  maxLines = 80,
): string {
  if (before === after) return "";
  const a = before.split("\n");
  const b = after.split("\n");
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  )
    suffix++;
  const edits: Edit[] = [
    ...a.slice(0, prefix).map((line) => ({ kind: " " as const, line })),
    ...editScript(a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix)),
    ...a.slice(a.length - suffix).map((line) => ({ kind: " " as const, line })),
  ];

  const output = [`--- ${labels.before}`, `+++ ${labels.after}`];
  let index = 0;
  // Line numbers (1-based) in each text of the edit at `index`.
  const positions = edits.map(() => [0, 0]);
  for (let k = 0, lineA = 1, lineB = 1; k < edits.length; k++) {
    positions[k] = [lineA, lineB];
    if (edits[k]?.kind !== "+") lineA++;
    if (edits[k]?.kind !== "-") lineB++;
  }
  while (index < edits.length) {
    const firstChange = edits.findIndex((edit, k) => k >= index && edit.kind !== " ");
    if (firstChange < 0) break;
    const start = Math.max(index, firstChange - CONTEXT);
    let end = firstChange;
    // Extend the hunk while the next change is within two contexts of the last one.
    for (let k = firstChange; k < edits.length; k++) {
      if (edits[k]?.kind !== " ") end = k;
      else if (k - end > 2 * CONTEXT) break;
    }
    const stop = Math.min(edits.length, end + CONTEXT + 1);
    const hunk = edits.slice(start, stop);
    const [fromA, fromB] = positions[start] as number[];
    const countA = hunk.filter((edit) => edit.kind !== "+").length;
    const countB = hunk.filter((edit) => edit.kind !== "-").length;
    output.push(`@@ -${fromA},${countA} +${fromB},${countB} @@`, ...hunk.map((edit) => `${edit.kind}${edit.line}`));
    index = stop;
  }
  if (output.length > maxLines) {
    const hidden = output.length - maxLines;
    return `${output.slice(0, maxLines).join("\n")}\n… ${hidden} more diff lines not shown\n`;
  }
  return `${output.join("\n")}\n`;
}
