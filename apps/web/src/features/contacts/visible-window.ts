/**
 * Which rows of a virtualised list to render: those in view plus a margin above and below, so fast scrolling does
 * not show blank space. Pure, so it is unit-tested without a browser.
 */
export function visibleWindow(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  rowCount: number,
  overscan = 10,
) {
  const first = Math.floor(scrollTop / rowHeight);
  const inView = Math.ceil(viewportHeight / rowHeight);
  const start = Math.max(0, first - overscan);
  const end = Math.min(rowCount, first + inView + overscan);
  return { start, end: Math.max(start, end) };
}
