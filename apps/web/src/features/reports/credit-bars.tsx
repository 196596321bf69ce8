import { For } from 'solid-js';
import { locale } from '../../i18n/i18n.ts';
import { niceTicks } from '../campaigns/chart-scale.ts';

export interface CreditBar {
  key: string;
  label: string;
  value: number;
}

const ROW_HEIGHT = 28;
const LABEL_WIDTH = 180;
const WIDTH = 640;
const VALUE_ROOM = 90;
const AXIS_HEIGHT = 38;

/**
 * Horizontal bars, largest first: who earned what under one model, readable at a glance and at phone width. A value
 * axis with round ticks and its title under the bars says what the lengths measure.
 */
export function CreditBars(props: {
  bars: CreditBar[];
  label: string;
  axisTitle: string;
  format: (value: number) => string;
}) {
  const ticks = () => niceTicks(Math.max(0, ...props.bars.map((b) => b.value)));
  const top = () => ticks().at(-1) || 1;
  const plotWidth = WIDTH - LABEL_WIDTH - VALUE_ROOM;
  const x = (value: number) => LABEL_WIDTH + (plotWidth * Math.max(0, value)) / top();
  const plotHeight = () => Math.max(1, props.bars.length) * ROW_HEIGHT;
  const compact = new Intl.NumberFormat(locale(), { notation: 'compact', maximumFractionDigits: 1 });
  return (
    <figure class="chart table-scroll">
      <svg
        role="img"
        aria-label={props.label}
        viewBox={`0 0 ${WIDTH} ${plotHeight() + AXIS_HEIGHT}`}
        width="100%"
        style={{ 'max-width': `${WIDTH}px`, 'min-width': '420px' }}
        data-testid="credit-bars"
      >
        <g class="chart-axis" data-testid="chart-value-axis">
          <For each={ticks()}>
            {(tick) => (
              <>
                <line x1={x(tick)} x2={x(tick)} y1={0} y2={plotHeight()} stroke="#eef0f3" />
                <text x={x(tick)} y={plotHeight() + 14} text-anchor="middle" font-size="11" fill="#6b7280">
                  {compact.format(tick)}
                </text>
              </>
            )}
          </For>
          <line x1={LABEL_WIDTH} x2={LABEL_WIDTH} y1={0} y2={plotHeight()} stroke="#9ca3af" />
          <text
            x={LABEL_WIDTH + plotWidth / 2}
            y={plotHeight() + 32}
            text-anchor="middle"
            font-size="11"
            fill="#6b7280"
            data-testid="chart-axis-title"
          >
            {props.axisTitle}
          </text>
        </g>
        <For each={props.bars}>
          {(bar, i) => (
            <g transform={`translate(0,${i() * ROW_HEIGHT})`} data-key={bar.key}>
              <title>{`${bar.label}: ${props.format(bar.value)}`}</title>
              <text
                x={LABEL_WIDTH - 8}
                y={ROW_HEIGHT / 2 + 4}
                text-anchor="end"
                font-size="12"
                fill="currentColor"
              >
                {bar.label.length > 26 ? `${bar.label.slice(0, 25)}…` : bar.label}
              </text>
              <rect
                x={LABEL_WIDTH}
                y={5}
                width={x(bar.value) - LABEL_WIDTH}
                height={ROW_HEIGHT - 10}
                fill="#2563eb"
                rx="2"
              />
              <text x={x(bar.value) + 6} y={ROW_HEIGHT / 2 + 4} font-size="12" fill="currentColor">
                {props.format(bar.value)}
              </text>
            </g>
          )}
        </For>
      </svg>
    </figure>
  );
}
