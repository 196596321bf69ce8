import { For } from 'solid-js';
import { locale, t } from '../../i18n/i18n.ts';
import { niceTicks } from '../campaigns/chart-scale.ts';

const LEFT = 40;
const TOP = 10;
const PLOT_HEIGHT = 100;
const COLUMN = 56;

/**
 * How many answers each satisfaction score got: columns over the scores 1–5 with a count axis (whole numbers) and
 * both axes titled, so the shape reads at a glance and the numbers on the columns confirm it.
 */
export function CsatChart(props: { distribution: number[] }) {
  // At least 4 as the axis maximum keeps every tick a whole number of answers.
  const ticks = () => niceTicks(Math.max(4, ...props.distribution));
  const top = () => ticks().at(-1) || 1;
  const y = (count: number) => TOP + PLOT_HEIGHT - (count / top()) * PLOT_HEIGHT;
  const plotWidth = () => props.distribution.length * COLUMN;
  return (
    <svg
      class="csat-bars"
      data-testid="csat-bars"
      viewBox={`0 0 ${LEFT + plotWidth() + 10} ${TOP + PLOT_HEIGHT + 42}`}
      role="img"
      aria-label={t('inboxReport.csatDistribution')}
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
        <text
          transform={`translate(10,${TOP + PLOT_HEIGHT / 2}) rotate(-90)`}
          text-anchor="middle"
          font-size="11"
          fill="#6b7280"
          data-testid="chart-axis-title"
        >
          {t('inboxReport.csatCountAxis')}
        </text>
      </g>
      <For each={props.distribution}>
        {(count, i) => (
          <g data-score={i() + 1}>
            <title>{t('inboxReport.csatBar', { score: i() + 1, count })}</title>
            <rect
              x={LEFT + i() * COLUMN + 8}
              y={y(count)}
              width={COLUMN - 16}
              height={TOP + PLOT_HEIGHT - y(count)}
              fill="#7c3aed"
              rx="3"
            />
            <text x={LEFT + i() * COLUMN + COLUMN / 2} y={y(count) - 4} text-anchor="middle" font-size="11">
              {count}
            </text>
            <text
              x={LEFT + i() * COLUMN + COLUMN / 2}
              y={TOP + PLOT_HEIGHT + 15}
              text-anchor="middle"
              font-size="12"
            >
              {i() + 1}
            </text>
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
      <text
        x={LEFT + plotWidth() / 2}
        y={TOP + PLOT_HEIGHT + 34}
        text-anchor="middle"
        font-size="11"
        fill="#6b7280"
        data-testid="chart-axis-title"
      >
        {t('inboxReport.csatScoreAxis')}
      </text>
    </svg>
  );
}
