import { t } from '../../i18n/i18n.ts';

/** "Export CSV" under a report table: a plain link the browser downloads with the session cookie. */
export function CsvLink(props: { href: string; testId: string }) {
  return (
    <div class="row">
      <a class="button secondary small" href={props.href} download="" data-testid={props.testId}>
        {t('reports.exportCsv')}
      </a>
    </div>
  );
}
