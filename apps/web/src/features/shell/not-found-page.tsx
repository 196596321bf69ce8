import { t } from '../../i18n/i18n.ts';

export function NotFoundPage() {
  return (
    <section class="page">
      <h1>404</h1>
      <p class="muted">{t('common.notFound')}</p>
    </section>
  );
}
