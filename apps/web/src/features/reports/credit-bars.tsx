import { For } from 'solid-js';

export interface CreditBar {
  key: string;
  label: string;
  value: number;
}

/** Horizontal bars, largest first: who earned what under one model, readable at a glance and at phone width. */
export function CreditBars(props: { bars: CreditBar[]; label: string; format: (value: number) => string }) {
  const rowHeight = 28;
  const labelWidth = 180;
  const width = 640;
  const max = () => Math.max(1e-9, ...props.bars.map((b) => b.value));
  return (
    <figure class="chart table-scroll">
      <svg
        role="img"
        aria-label={props.label}
        viewBox={`0 0 ${width} ${Math.max(1, props.bars.length) * rowHeight}`}
        width="100%"
        style={{ 'max-width': `${width}px`, 'min-width': '420px' }}
        data-testid="credit-bars"
      >
        <For each={props.bars}>
          {(bar, i) => (
            <g transform={`translate(0,${i() * rowHeight})`} data-key={bar.key}>
              <title>{`${bar.label}: ${props.format(bar.value)}`}</title>
              <text
                x={labelWidth - 8}
                y={rowHeight / 2 + 4}
                text-anchor="end"
                font-size="12"
                fill="currentColor"
              >
                {bar.label.length > 26 ? `${bar.label.slice(0, 25)}…` : bar.label}
              </text>
              <rect
                x={labelWidth}
                y={5}
                width={Math.max(0, ((width - labelWidth - 90) * bar.value) / max())}
                height={rowHeight - 10}
                fill="#2563eb"
                rx="2"
              />
              <text
                x={labelWidth + ((width - labelWidth - 90) * bar.value) / max() + 6}
                y={rowHeight / 2 + 4}
                font-size="12"
                fill="currentColor"
              >
                {props.format(bar.value)}
              </text>
            </g>
          )}
        </For>
      </svg>
    </figure>
  );
}
