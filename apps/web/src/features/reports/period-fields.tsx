import { t } from '../../i18n/i18n.ts';
import { useReportPeriod } from './report-period.ts';

/** From / to date fields bound to the URL, shared by every report on the page. */
export function PeriodFields() {
  const period = useReportPeriod();
  return (
    <>
      <label class="field">
        <span class="field-label">{t('reports.from')}</span>
        <input
          type="date"
          data-testid="report-from"
          value={period.from()}
          max={period.to()}
          onChange={(e) => period.setFrom(e.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span class="field-label">{t('reports.to')}</span>
        <input
          type="date"
          data-testid="report-to"
          value={period.to()}
          min={period.from()}
          onChange={(e) => period.setTo(e.currentTarget.value)}
        />
      </label>
    </>
  );
}
