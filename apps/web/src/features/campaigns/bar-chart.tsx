import { For } from 'solid-js';
import { formatDate, locale } from '../../i18n/i18n.ts';
import { labelEvery, niceTicks } from './chart-scale.ts';

export interface Series {
  key: string;
  label: string;
  colour: string;
}

const PLOT_HEIGHT = 160;
const LEFT = 48;
const BOTTOM = 22;
const TOP = 8;

/** Short time-axis labels: hours when every bar is on one day, else the day. */
function axisLabeler(buckets: { at: string }[]) {
  const days = new Set(buckets.map((b) => new Date(b.at).toDateString()));
  const format = new Intl.DateTimeFormat(
    locale(),
    days.size <= 1 ? { hour: '2-digit', minute: '2-digit' } : { month: 'short', day: 'numeric' },
  );
  return (at: string) => format.format(new Date(at));
}

/**
 * Grouped bars per time bucket, drawn as SVG with a value axis (round ticks and grid lines) and a time axis: when
 * the opens and clicks came, at a glance, and how many.
 */
export function BarChart(props: {
  buckets: ({ at: string } & Record<string, number | string>)[];
  series: Series[];
  label: string;
}) {
  const ticks = () =>
    niceTicks(Math.max(0, ...props.buckets.flatMap((b) => props.series.map((s) => Number(b[s.key] ?? 0)))));
  const top = () => ticks().at(-1) || 1;
  const groupWidth = () => Math.max(12, Math.min(60, 640 / Math.max(1, props.buckets.length)));
  const barWidth = () => Math.max(3, (groupWidth() - 4) / props.series.length);
  const plotWidth = () => Math.max(200, props.buckets.length * groupWidth());
  const y = (value: number) => TOP + PLOT_HEIGHT - (value / top()) * PLOT_HEIGHT;
  const every = () => labelEvery(props.buckets.length, plotWidth());
  const timeLabel = () => axisLabeler(props.buckets);
  return (
    <figure class="chart">
      <svg
        role="img"
        aria-label={props.label}
        width={LEFT + plotWidth() + 8}
        height={TOP + PLOT_HEIGHT + BOTTOM}
        data-testid="campaign-chart"
      >
        <g class="chart-axis" data-testid="chart-value-axis">
          <For each={ticks()}>
            {(tick) => (
              <>
                <line x1={LEFT} x2={LEFT + plotWidth()} y1={y(tick)} y2={y(tick)} stroke="#eef0f3" />
                <text x={LEFT - 6} y={y(tick) + 4} text-anchor="end" font-size="11" fill="#6b7280">
                  {tick.toLocaleString(locale())}
                </text>
              </>
            )}
          </For>
        </g>
        <For each={props.buckets}>
          {(bucket, i) => (
            <g data-bucket={bucket.at} transform={`translate(${LEFT + i() * groupWidth()},0)`}>
              <title>{`${formatDate(bucket.at)}: ${props.series.map((s) => `${s.label} ${bucket[s.key]}`).join(', ')}`}</title>
              <For each={props.series}>
                {(series, j) => {
                  const value = () => Number(bucket[series.key] ?? 0);
                  return (
                    <rect
                      x={j() * barWidth()}
                      y={y(value())}
                      width={barWidth() - 1}
                      height={TOP + PLOT_HEIGHT - y(value())}
                      fill={series.colour}
                    />
                  );
                }}
              </For>
            </g>
          )}
        </For>
        <line
          x1={LEFT}
          x2={LEFT + plotWidth()}
          y1={TOP + PLOT_HEIGHT}
          y2={TOP + PLOT_HEIGHT}
          stroke="#9ca3af"
        />
        <g class="chart-axis" data-testid="chart-time-axis">
          <For each={props.buckets}>
            {(bucket, i) =>
              i() % every() === 0 ? (
                <text
                  x={LEFT + i() * groupWidth() + groupWidth() / 2}
                  y={TOP + PLOT_HEIGHT + 15}
                  text-anchor="middle"
                  font-size="11"
                  fill="#6b7280"
                >
                  {timeLabel()(bucket.at)}
                </text>
              ) : null
            }
          </For>
        </g>
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
