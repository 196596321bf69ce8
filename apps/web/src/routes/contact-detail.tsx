import { createResource, createSignal, For, Show } from 'solid-js';
import { A, useNavigate, useParams } from '@solidjs/router';
import { t } from '../i18n/i18n.ts';
import { api, toProblem, type ApiProblem, problemText } from '../lib/trpc.ts';
import { displayName, STAGES, stageLabel, type Stage } from '../features/contacts/stage-label.ts';
import { ContactTimeline } from '../features/contacts/contact-timeline.tsx';
import { ConsentCard } from '../features/contacts/consent-card.tsx';
import { ScoreCard } from '../features/contacts/score-card.tsx';
import { CompanyCard } from '../features/contacts/company-card.tsx';
import { DealsCard } from '../features/contacts/deals-card.tsx';
import { NotesCard } from '../features/contacts/notes-card.tsx';
import { ContactSegmentsCard } from '../features/contacts/contact-segments-card.tsx';
import { MessagesCard } from '../features/contacts/messages-card.tsx';
import { MessageDetailCard } from '../features/contacts/message-detail-card.tsx';
import { ContactJourneysCard } from '../features/contacts/contact-journeys-card.tsx';
import { Notice } from '../ui/notice.tsx';
import { FormField } from '../ui/form-field.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { may } from '../features/auth/permissions.ts';

/** The contact's 360° view: identities, profile, attributes and tags (editable), and the live timeline. */
export default function ContactDetailPage() {
  const params = useParams<{ id: string }>();
  const navigate = useNavigate();
  const [contact, { mutate }] = createResource(
    () => params.id,
    (id) => api.contacts.get.query({ id }),
  );
  const [problem, setProblem] = createSignal<ApiProblem | null>(null);
  const [saved, setSaved] = createSignal(false);
  const [attrKey, setAttrKey] = createSignal('');
  const [attrValue, setAttrValue] = createSignal('');
  const [tag, setTag] = createSignal('');
  const canEdit = () => may('contacts.write');
  usePageTitle(() => (contact.latest ? displayName(contact.latest) : t('contacts.title')));
  const [members] = createResource(() => api.members.list.query());

  async function changeOwner(ownerId: string | null) {
    setProblem(null);
    try {
      await api.contacts.setOwner.mutate({ id: params.id, ownerId });
      const current = contact();
      if (current) mutate({ ...current, ownerId });
      setSaved(true);
    } catch (error) {
      setProblem(toProblem(error));
    }
  }

  async function save(changes: {
    lifecycleStage?: Stage;
    tags?: string[];
    attributes?: Record<string, unknown>;
  }) {
    setProblem(null);
    setSaved(false);
    try {
      mutate(await api.contacts.update.mutate({ id: params.id, ...changes }));
      setSaved(true);
    } catch (error) {
      setProblem(toProblem(error));
    }
  }

  /** Values typed in the form: numbers and true/false are sent as such; the server checks them against the attribute's type. */
  const parseValue = (raw: string): unknown =>
    /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw === 'true' ? true : raw === 'false' ? false : raw;

  async function erase() {
    if (!confirm(t('contacts.eraseConfirm'))) return;
    await api.contacts.erase.mutate({ id: params.id });
    navigate('/contacts', { replace: true });
  }

  return (
    <section class="page">
      <A href="/contacts">{t('contacts.back')}</A>
      <Show when={contact.state === 'errored'}>
        <Notice kind="error">{toProblem(contact.error as unknown).message}</Notice>
      </Show>
      <Show when={contact()}>
        {(c) => (
          <div class="contact-360">
            <div class="stack">
              <h1 data-testid="contact-name">{displayName(c())}</h1>
              <Show when={c().doNotContact}>
                <Notice kind="info">{t('contacts.doNotContact')}</Notice>
              </Show>
              <Show when={problem()}>{(p) => <Notice kind="error">{problemText(p())}</Notice>}</Show>
              <Show when={saved()}>
                <Notice kind="success">{t('contacts.saved')}</Notice>
              </Show>
              <div class="card">
                <h2>{t('contacts.identities')}</h2>
                <dl class="meta">
                  <dt>{t('contacts.email')}</dt>
                  <dd>{c().email ?? '—'}</dd>
                  <dt>{t('contacts.phone')}</dt>
                  <dd>{c().phone ?? '—'}</dd>
                  <dt>{t('contacts.wechat')}</dt>
                  <dd translate="no">{c().wechatId ?? '—'}</dd>
                  <dt>{t('contacts.externalId')}</dt>
                  <dd>{c().externalId ?? '—'}</dd>
                </dl>
              </div>
              <div class="card">
                <h2>{t('contacts.profile')}</h2>
                <dl class="meta">
                  <dt>{t('contacts.stage')}</dt>
                  <dd>
                    <select
                      name="lifecycle-stage"
                      disabled={!canEdit()}
                      value={c().lifecycleStage}
                      onChange={(e) => void save({ lifecycleStage: e.currentTarget.value as Stage })}
                    >
                      <For each={STAGES}>{(s) => <option value={s}>{stageLabel(s)}</option>}</For>
                    </select>
                  </dd>
                  <dt>{t('contacts.owner')}</dt>
                  <dd>
                    <select
                      name="owner"
                      disabled={!canEdit()}
                      value={c().ownerId ?? ''}
                      onChange={(e) => void changeOwner(e.currentTarget.value || null)}
                    >
                      <option value="">{t('contacts.noOwner')}</option>
                      <For each={members()}>{(m) => <option value={m.userId}>{m.name}</option>}</For>
                    </select>
                  </dd>
                  <dt>{t('contacts.timezone')}</dt>
                  <dd>{c().timezone ?? '—'}</dd>
                  <dt>{t('contacts.locale')}</dt>
                  <dd>{c().locale ?? '—'}</dd>
                  <dt>{t('contacts.tags')}</dt>
                  <dd data-testid="contact-tags">{c().tags.join(', ') || '—'}</dd>
                </dl>
                <Show when={canEdit()}>
                  <form
                    class="row"
                    onSubmit={(e) => {
                      e.preventDefault();
                      if (tag()) void save({ tags: [tag()] }).then(() => setTag(''));
                    }}
                  >
                    <input
                      name="new-tag"
                      placeholder={t('contacts.tag')}
                      value={tag()}
                      onInput={(e) => setTag(e.currentTarget.value)}
                    />
                    <button class="button secondary" type="submit">
                      {t('contacts.addTag')}
                    </button>
                  </form>
                </Show>
              </div>
              <div class="card">
                <h2>{t('contacts.attributes')}</h2>
                <table class="table" data-testid="contact-attributes">
                  <tbody>
                    <For each={Object.entries(c().attributes)}>
                      {([key, value]) => (
                        <tr>
                          <th>{key}</th>
                          <td>{Array.isArray(value) ? value.join(', ') : String(value)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
                <Show when={canEdit()}>
                  <form
                    class="row"
                    onSubmit={(e) => {
                      e.preventDefault();
                      void save({ attributes: { [attrKey()]: parseValue(attrValue()) } });
                    }}
                  >
                    <FormField label={t('contacts.attributeName')}>
                      <input
                        name="attribute-key"
                        required
                        value={attrKey()}
                        onInput={(e) => setAttrKey(e.currentTarget.value)}
                      />
                    </FormField>
                    <FormField label={t('contacts.attributeValue')}>
                      <input
                        name="attribute-value"
                        value={attrValue()}
                        onInput={(e) => setAttrValue(e.currentTarget.value)}
                      />
                    </FormField>
                    <button class="button secondary" type="submit">
                      {t('contacts.addAttribute')}
                    </button>
                  </form>
                </Show>
              </div>
              <ScoreCard contactId={params.id} score={c().leadScore} />
              <CompanyCard contactId={params.id} canEdit={canEdit()} />
              <DealsCard contactId={params.id} canEdit={canEdit()} />
              <NotesCard contactId={params.id} canEdit={canEdit()} />
              <ConsentCard contactId={params.id} canEdit={canEdit()} />
              <ContactSegmentsCard contactId={params.id} />
              <Show when={may('contacts.erase')}>
                <button type="button" class="button danger" onClick={() => void erase()}>
                  {t('contacts.erase')}
                </button>
              </Show>
            </div>
            <div class="stack">
              <ContactJourneysCard contactId={params.id} canEnrol={may('journeys.manage')} />
              <MessageDetailCard contactId={params.id} />
              <MessagesCard
                contactId={params.id}
                addresses={{ email: c().email, phone: c().phone, wechatId: c().wechatId }}
              />
              <div class="card">
                <h2>{t('contacts.timeline')}</h2>
                <ContactTimeline contactId={params.id} />
              </div>
            </div>
          </div>
        )}
      </Show>
    </section>
  );
}
