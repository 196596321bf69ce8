import { t } from '../../i18n/i18n.ts';
import { BarChart } from '../campaigns/bar-chart.tsx';

export interface SentBucket {
  day: string;
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
}

/** Per day (or week) of a report: the messages sent then, delivered, and opened and clicked by people. */
export function SentSeriesChart(props: { buckets: SentBucket[]; label: string }) {
  return (
    <BarChart
      label={props.label}
      buckets={props.buckets.map((d) => ({ ...d, at: `${d.day}T12:00:00Z` }))}
      series={[
        { key: 'sent', label: t('reports.sent'), colour: '#94a3b8' },
        { key: 'delivered', label: t('reports.funnel.delivered'), colour: '#a78bfa' },
        { key: 'opened', label: t('reports.funnel.opened'), colour: '#2563eb' },
        { key: 'clicked', label: t('reports.funnel.clicked'), colour: '#16a34a' },
      ]}
    />
  );
}
