/**
 * Progress output: on a terminal one line redrawn in place; elsewhere (CI logs, pipes) a line only when the leading
 * percentage moves by ten points, so logs stay readable.
 */
export function terminalProgress(out: { isTTY?: boolean; write(text: string): unknown }) {
  let lastDecile = -1;
  return (line: string, final = false) => {
    if (out.isTTY) {
      out.write(`\r${line}\x1b[K${final ? '\n' : ''}`);
      return;
    }
    const percent = /(\d+)%/.exec(line);
    const decile = percent ? Math.floor(Number(percent[1]) / 10) : -1;
    if (final || decile !== lastDecile) out.write(`${line}\n`);
    lastDecile = decile;
  };
}
