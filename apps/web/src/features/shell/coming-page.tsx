import { t } from '../../i18n/i18n.ts';

export type ComingArea = 'inbox';

/** Areas later issues fill in; says what will be here rather than showing an empty screen. */
export function ComingPage(props: { area: ComingArea }) {
  return (
    <section class="page">
      <h1>{t('coming.title', { area: t(`nav.${props.area}`) })}</h1>
      <p class="muted">{t('coming.body', { what: t(`coming.${props.area}`) })}</p>
    </section>
  );
}
