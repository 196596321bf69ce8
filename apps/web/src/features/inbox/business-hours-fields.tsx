import { FormField } from '../../ui/form-field.tsx';
import { t } from '../../i18n/i18n.ts';

export interface BusinessHoursValue {
  timeZone: string;
  days: number[];
  from: string;
  to: string;
}

/** The "count only business hours" switch and its fields, named `<prefix>hours`, `<prefix>timeZone`, … */
export function BusinessHoursFields(props: {
  hours: BusinessHoursValue | null;
  label: string;
  prefix?: string;
}) {
  const name = (field: string) => `${props.prefix ?? ''}${field}`;
  return (
    <>
      <label>
        <input name={name('hours')} type="checkbox" checked={props.hours !== null} /> {props.label}
      </label>
      <div class="row">
        <FormField label={t('inboxSettings.timeZone')}>
          <input
            name={name('timeZone')}
            value={props.hours?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone}
          />
        </FormField>
        <FormField label={t('inboxSettings.days')}>
          <input name={name('days')} value={(props.hours?.days ?? [1, 2, 3, 4, 5]).join(', ')} />
        </FormField>
        <FormField label={t('inboxSettings.from')}>
          <input name={name('from')} type="time" value={props.hours?.from ?? '09:00'} />
        </FormField>
        <FormField label={t('inboxSettings.to')}>
          <input name={name('to')} type="time" value={props.hours?.to ?? '18:00'} />
        </FormField>
      </div>
    </>
  );
}

/** What BusinessHoursFields hold in `form`: null when the switch is off. */
export function readBusinessHours(form: FormData, prefix = ''): BusinessHoursValue | null {
  const text = (field: string) => {
    const value = form.get(`${prefix}${field}`);
    return typeof value === 'string' ? value : '';
  };
  if (!form.get(`${prefix}hours`)) return null;
  return {
    timeZone: text('timeZone'),
    days: text('days')
      .split(/[\s,，]+/)
      .filter(Boolean)
      .map(Number),
    from: text('from'),
    to: text('to'),
  };
}
