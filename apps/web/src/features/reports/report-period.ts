import { useSearchParams } from '@solidjs/router';

// The browser's calendar day: the person reading is usually where the workspace's days are (the server counts
// them in the workspace's time zone).
const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const daysAgo = (n: number) => {
  const day = new Date();
  day.setDate(day.getDate() - n);
  return isoDay(day);
};

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
