import { createEffect, createResource, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { A, useParams, useSearchParams } from '@solidjs/router';
import { formatDate, t } from '../i18n/i18n.ts';
import { api, problemText, toProblem } from '../lib/trpc.ts';
import { session } from '../features/auth/session.ts';
import { Notice } from '../ui/notice.tsx';
import { Tabs } from '../ui/tabs.tsx';
import type { BlockDocument } from '../features/templates/block-model.ts';
import { EmailBlockEditor } from '../features/templates/email-block-editor.tsx';
import { PreviewPane, type PreviewResult } from '../features/templates/preview-pane.tsx';
import { TextTemplateEditor } from '../features/templates/text-template-editor.tsx';
import { VariableMenu } from '../features/templates/variable-menu.tsx';
import { WechatLinkCard, type LinkCard } from '../features/templates/wechat-link-card.tsx';
import { usePageTitle } from '../ui/page-title.ts';
import { TemplateReportView } from '../features/templates/template-report-view.tsx';
import { may } from '../features/auth/permissions.ts';

type Draft = Record<string, unknown> & {
  subject?: string;
  preheader?: string;
  fromName?: string;
  fromAddress?: string;
  document?: BlockDocument;
  source?: string;
  body?: string;
  text?: string;
  link?: LinkCard | undefined;
};

/** One template: design (blocks, raw MJML/HTML or text), envelope fields, preview as a contact, publish. */
export default function TemplateEditorPage() {
  const params = useParams<{ id: string }>();
  const [loaded, { refetch }] = createResource(
    () => params.id,
    (id) => api.templates.get.query({ id }),
  );
  const [draft, setDraft] = createSignal<Draft | null>(null);
  const [name, setName] = createSignal('');
  const [dirty, setDirty] = createSignal(false);
  // The report is a link to share (`?tab=report` with its period); the editing tabs need none.
  const [search, setSearch] = useSearchParams<{ tab?: string }>();
  type Tab = 'design' | 'preview' | 'report';
  const [tab, setTabSignal] = createSignal<Tab>(search.tab === 'report' ? 'report' : 'design');
  const setTab = (next: Tab) => {
    setTabSignal(next);
    setSearch({ tab: next === 'report' ? 'report' : undefined });
  };
  const [preview, setPreview] = createSignal<PreviewResult | null>(null);
  const [previewing, setPreviewing] = createSignal(false);
  const [contactId, setContactId] = createSignal<string | null>(null);
  const [notice, setNotice] = createSignal<{ kind: 'error' | 'success'; text: string } | null>(null);
  const [testAddresses, setTestAddresses] = createSignal(session()?.user.email ?? '');
  const canEdit = () => may('templates.write');

  createEffect(
    on(loaded, (data) => {
      if (!data || draft()) return;
      setDraft(data.template.draft as Draft);
      setName(data.template.name);
    }),
  );
  const template = () => loaded()?.template;
  const update = (patch: Partial<Draft>) => {
    setDraft({ ...draft()!, ...patch });
    setDirty(true);
  };
  const fail = (error: unknown) => setNotice({ kind: 'error', text: problemText(toProblem(error)) });

  // The preview follows the draft while its tab is open (debounced; the newest request wins).
  let timer: ReturnType<typeof setTimeout> | undefined;
  let request = 0;
  createEffect(
    on([draft, contactId, tab], ([current, contact, visible]) => {
      clearTimeout(timer);
      if (!current || visible !== 'preview') return;
      timer = setTimeout(() => {
        const mine = ++request;
        setPreviewing(true);
        api.templates.preview
          .mutate({ id: params.id, draft: current, ...(contact ? { contactId: contact } : {}) })
          .then((result) => mine === request && setPreview(result as PreviewResult))
          .catch((error: unknown) => mine === request && fail(error))
          .finally(() => mine === request && setPreviewing(false));
      }, 400);
    }),
  );
  onCleanup(() => clearTimeout(timer));

  async function save() {
    await api.templates.saveDraft.mutate({ id: params.id, name: name(), draft: draft() });
    setDirty(false);
  }
  async function publish() {
    setNotice(null);
    try {
      await save();
      const result = await api.templates.publish.mutate({ id: params.id });
      setNotice({
        kind: 'success',
        text: t('templates.publishedVersion', { version: result.version, warnings: result.warnings }),
      });
      await refetch();
    } catch (error) {
      fail(error);
      setTab('preview');
    }
  }
  async function sendTest() {
    setNotice(null);
    try {
      const addresses = testAddresses()
        .split(/[\s,;]+/)
        .filter(Boolean);
      const result = await api.templates.sendTest.mutate({
        id: params.id,
        draft: draft(),
        addresses,
        ...(contactId() ? { contactId: contactId()! } : {}),
      });
      setNotice({ kind: 'success', text: t('templates.testSent', { count: result.sent }) });
    } catch (error) {
      fail(error);
    }
  }

  const field = (
    key: 'subject' | 'preheader' | 'fromName' | 'fromAddress',
    label: string,
    testId: string,
    placeholder?: string,
  ) => (
    <label class="field grow">
      <span class="field-label">{label}</span>
      <input
        value={draft()?.[key] ?? ''}
        placeholder={placeholder}
        data-testid={testId}
        onInput={(e) => update({ [key]: e.currentTarget.value })}
      />
    </label>
  );

  usePageTitle(() => name() || t('templates.title'));
  return (
    <section class="page">
      <Show when={template()} fallback={<p class="muted">{t('common.loading')}</p>}>
        {(tpl) => (
          <>
            <div class="page-header">
              {/* The name is edited in place; the heading says it to screen readers and the page outline. */}
              <h1 class="sr-only">{name()}</h1>
              <div class="row">
                <A href="/templates">{t('templates.title')}</A>
                <input
                  class="title-input"
                  value={name()}
                  aria-label={t('templates.name')}
                  onInput={(e) => {
                    setName(e.currentTarget.value);
                    setDirty(true);
                  }}
                />
                <span class="badge">
                  {tpl().latestVersion
                    ? t('templates.version', { version: tpl().latestVersion })
                    : t('templates.unpublished')}
                </span>
                <Show when={dirty()}>
                  <span class="muted">{t('templates.unsaved')}</span>
                </Show>
              </div>
              <Show when={canEdit()}>
                <div class="row">
                  <button
                    type="button"
                    class="button secondary"
                    onClick={() => void save().catch(fail)}
                    data-testid="save-template"
                  >
                    {t('templates.save')}
                  </button>
                  <button
                    type="button"
                    class="button"
                    onClick={() => void publish()}
                    data-testid="publish-template"
                  >
                    {t('templates.publish')}
                  </button>
                </div>
              </Show>
            </div>
            <Show when={notice()}>{(n) => <Notice kind={n().kind}>{n().text}</Notice>}</Show>
            <Show when={tpl().channel === 'email' && draft()}>
              <div class="card row">
                {field('subject', t('templates.subject'), 'template-subject')}
                <VariableMenu onInsert={(v) => update({ subject: `${draft()?.subject ?? ''}${v}` })} />
                {field('preheader', t('templates.preheader'), 'template-preheader')}
                {field('fromName', t('templates.fromName'), 'template-from-name')}
                {field(
                  'fromAddress',
                  t('templates.fromAddress'),
                  'template-from-address',
                  t('templates.fromAddressDefault'),
                )}
              </div>
            </Show>
            <Tabs
              tabs={[
                { id: 'design', label: t('templates.design') },
                { id: 'preview', label: t('templates.preview') },
                ...(may('reports.read') && (loaded()?.versions ?? []).length > 0
                  ? [{ id: 'report' as const, label: t('templates.report') }]
                  : []),
              ]}
              active={tab()}
              onSelect={setTab}
            />
            <Show when={draft()}>
              {(current) => (
                <>
                  <div style={{ display: tab() === 'design' ? undefined : 'none' }}>
                    <Show when={tpl().format === 'blocks'}>
                      <EmailBlockEditor
                        initial={current().document ?? { sections: [] }}
                        onChange={(document) => update({ document })}
                        onProblem={(text) => setNotice({ kind: 'error', text })}
                      />
                    </Show>
                    <Show when={tpl().format === 'mjml' || tpl().format === 'html'}>
                      <textarea
                        class="code-editor"
                        rows={24}
                        value={current().source ?? ''}
                        aria-label={t('templates.source')}
                        data-testid="template-source"
                        onInput={(e) => update({ source: e.currentTarget.value })}
                      />
                    </Show>
                    <Show when={tpl().format === 'text'}>
                      <TextTemplateEditor
                        channel={tpl().channel as 'sms' | 'wechat'}
                        text={(tpl().channel === 'sms' ? current().body : current().text) ?? ''}
                        onInput={(text) => update(tpl().channel === 'sms' ? { body: text } : { text })}
                      />
                      <Show when={tpl().channel === 'wechat'}>
                        <WechatLinkCard link={current().link} onChange={(link) => update({ link })} />
                      </Show>
                    </Show>
                  </div>
                  <Show when={tab() === 'report'}>
                    <TemplateReportView templateId={params.id} />
                  </Show>
                  <Show when={tab() === 'preview'}>
                    <PreviewPane
                      preview={preview()}
                      loading={previewing()}
                      contactId={contactId()}
                      onContact={setContactId}
                    />
                    <Show when={tpl().channel === 'email' && canEdit()}>
                      <div class="card row">
                        <label class="field grow">
                          <span class="field-label">{t('templates.testAddresses')}</span>
                          <input
                            value={testAddresses()}
                            onInput={(e) => setTestAddresses(e.currentTarget.value)}
                          />
                        </label>
                        <button type="button" class="button secondary" onClick={() => void sendTest()}>
                          {t('templates.sendTest')}
                        </button>
                      </div>
                    </Show>
                  </Show>
                </>
              )}
            </Show>
            <Show when={(loaded()?.versions ?? []).length > 0}>
              <details class="card">
                <summary>{t('templates.versions')}</summary>
                <ul class="plain-list">
                  <For each={loaded()?.versions}>
                    {(v) => (
                      <li>
                        {t('templates.version', { version: v.version })} · {formatDate(v.publishedAt)} ·{' '}
                        {t('templates.warningsCount', { count: v.warnings })}
                      </li>
                    )}
                  </For>
                </ul>
              </details>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
