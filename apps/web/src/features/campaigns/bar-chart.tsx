import { For } from 'solid-js';
import { formatDate } from '../../i18n/i18n.ts';

export interface Series {
  key: string;
  label: string;
  colour: string;
}

/** Grouped bars per time bucket, drawn as SVG: when the opens and clicks came, at a glance. */
export function BarChart(props: {
  buckets: ({ at: string } & Record<string, number | string>)[];
  series: Series[];
  label: string;
}) {
  const height = 160;
  const max = () =>
    Math.max(1, ...props.buckets.flatMap((b) => props.series.map((s) => Number(b[s.key] ?? 0))));
  const groupWidth = () => Math.max(12, Math.min(60, 640 / Math.max(1, props.buckets.length)));
  const barWidth = () => Math.max(3, (groupWidth() - 4) / props.series.length);
  return (
    <figure class="chart">
      <svg
        role="img"
        aria-label={props.label}
        width={Math.max(200, props.buckets.length * groupWidth())}
        height={height + 20}
        data-testid="campaign-chart"
      >
        <For each={props.buckets}>
          {(bucket, i) => (
            <g transform={`translate(${i() * groupWidth()},0)`}>
              <title>{`${formatDate(bucket.at)}: ${props.series.map((s) => `${s.label} ${bucket[s.key]}`).join(', ')}`}</title>
              <For each={props.series}>
                {(series, j) => {
                  const value = () => Number(bucket[series.key] ?? 0);
                  const h = () => (value() / max()) * height;
                  return (
                    <rect
                      x={j() * barWidth()}
                      y={height - h()}
                      width={barWidth() - 1}
                      height={h()}
                      fill={series.colour}
                    />
                  );
                }}
              </For>
            </g>
          )}
        </For>
        <line x1="0" x2="100%" y1={height} y2={height} stroke="#d1d5db" />
      </svg>
      <figcaption class="row">
        <For each={props.series}>
          {(s) => (
            <span class="legend">
              <span class="swatch" style={{ background: s.colour }} /> {s.label}
            </span>
          )}
        </For>
      </figcaption>
    </figure>
  );
}
