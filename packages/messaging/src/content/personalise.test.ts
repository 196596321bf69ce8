import { describe, expect, it } from 'vitest';
import type { ContactRow } from '@switchboard/contacts';
import { liquidContext, personalise, PersonalisationError, TemplateCache } from './personalise.ts';

const contact = {
  first_name: 'Ada <b>',
  last_name: 'Lovelace',
  email: 'ada@example.org',
  phone: null,
  locale: 'en',
  timezone: 'Europe/London',
  lifecycle_stage: 'lead',
  tags: ['vip'],
  attributes: {
    plan: 'pro',
    cart: [
      { name: 'Tea', price: 4 },
      { name: 'Cups', price: 12 },
    ],
  },
} as unknown as ContactRow;
const context = liquidContext(
  contact,
  { name: 'Acme', postal_address: '1 Main St' },
  { unsubscribe_url: 'U' },
);
const cache = new TemplateCache();
const render = (kind: 'html' | 'text', source: string) => personalise(kind, source, context, cache);

describe('Liquid personalisation', () => {
  it('fills contact fields, defaults, conditionals and loops over custom fields', async () => {
    expect(await render('text', 'Hi {{ contact.first_name }} from {{ workspace.name }}')).toBe(
      'Hi Ada <b> from Acme',
    );
    expect(await render('text', 'Hi {{ contact.nickname | default: "there" }}')).toBe('Hi there');
    expect(await render('text', '{% if contact.plan == "pro" %}Pro{% else %}Free{% endif %}')).toBe('Pro');
    expect(
      await render('text', '{% for item in contact.cart %}{{ item.name }} {{ item.price }};{% endfor %}'),
    ).toBe('Tea 4;Cups 12;');
  });

  it('escapes contact data inside HTML but not in text or SMS', async () => {
    expect(await render('html', '<p>Hi {{ contact.first_name }}</p>')).toBe('<p>Hi Ada &lt;b&gt;</p>');
  });

  it('sees own properties only: no prototype, constructor or process', async () => {
    expect(
      await render('text', '[{{ contact.constructor }}][{{ contact.__proto__ }}][{{ process.env }}]'),
    ).toBe('[][][]');
  });

  it('stops hostile templates without hanging or exhausting the worker', async () => {
    const started = Date.now();
    await expect(render('text', '{% for i in (1..100000000) %}x{% endfor %}')).rejects.toThrow(
      PersonalisationError,
    );
    await expect(
      render(
        'text',
        "{% assign s = 'xxxxxxxx' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s }}",
      ),
    ).rejects.toThrow(PersonalisationError);
    await expect(render('text', "{% include '/etc/passwd' %}")).rejects.toThrow(PersonalisationError);
    await expect(render('text', '{{ contact.first_name | no_such_filter }}')).rejects.toThrow(
      PersonalisationError,
    );
    await expect(render('text', '{% if %}')).rejects.toThrow(/does not parse/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
