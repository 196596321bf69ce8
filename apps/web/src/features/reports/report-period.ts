import { useSearchParams } from '@solidjs/router';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const daysAgo = (n: number) => isoDay(new Date(Date.now() - n * 86_400_000));

/** The report's days from the URL (last 30 days, today included, when none are given). */
export function useReportPeriod() {
  const [params, setParams] = useSearchParams<{ from?: string; to?: string }>();
  return {
    from: () => params.from ?? daysAgo(29),
    to: () => params.to ?? daysAgo(0),
    setFrom: (from: string) => from && setParams({ from }),
    setTo: (to: string) => to && setParams({ to }),
  };
}
