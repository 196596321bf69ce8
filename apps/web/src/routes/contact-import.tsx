import { createResource, createSignal, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import {
  formatTarget,
  mappingProblems,
  parseTarget,
  proposeMapping,
  type ColumnTarget,
} from '@switchboard/imports/browser';
import { formatDate, t } from '../i18n/i18n.ts';
import { api, toProblem } from '../lib/trpc.ts';
import { FormField } from '../ui/form-field.tsx';
import { Notice } from '../ui/notice.tsx';
import { previewFile, type FilePreview } from '../features/imports/file-preview.ts';
import { MappingTable } from '../features/imports/mapping-table.tsx';
import { uploadImport, UploadFailure } from '../features/imports/upload-import.ts';
import { ProgressBar } from '../features/imports/progress-bar.tsx';
import { ImportStatus } from '../features/imports/import-status.tsx';
import { usePageTitle } from '../ui/page-title.ts';

/** The import wizard: choose a file, check the mapping and options, then watch it run. */
export default function ContactImportPage() {
  const [file, setFile] = createSignal<File | null>(null);
  const [preview, setPreview] = createSignal<FilePreview | null>(null);
  const [mapping, setMapping] = createSignal<ColumnTarget[]>([]);
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [message, setMessage] = createSignal<string | null>(null);
  const [uploadShare, setUploadShare] = createSignal<number | null>(null);
  const [importId, setImportId] = createSignal<string | null>(null);
  const [tags, setTags] = createSignal('');
  const [listName, setListName] = createSignal('');
  const [consentChannel, setConsentChannel] = createSignal('');
  const [consentStatus, setConsentStatus] = createSignal('opted_in');
  const [consentTopic, setConsentTopic] = createSignal('');
  const [wording, setWording] = createSignal('');
  const [country, setCountry] = createSignal('');
  const [attributes] = createResource(() => api.segments.attributes.query());
  const [history, { refetch: refetchHistory }] = createResource(() => api.imports.list.query());
  const existingTypes = () => new Map((attributes() ?? []).map((a) => [a.key, a.type]));

  async function choose(chosen: File | undefined) {
    setErrors({});
    setMessage(null);
    setImportId(null);
    if (!chosen) return;
    const read = await previewFile(chosen);
    if (read.header.length === 0) {
      setMessage(t('imports.emptyFile'));
      return;
    }
    setFile(chosen);
    setPreview(read);
    setMapping(proposeMapping(read.header));
    try {
      const suggested = await api.imports.suggestMapping.query({ header: read.header });
      setMapping(proposeMapping(read.header).map((fallback, i) => parseSuggested(suggested[i]) ?? fallback));
    } catch {
      // The local proposal stays; the server would refuse the upload with the same reasons.
    }
  }

  const setTarget = (index: number, target: ColumnTarget) =>
    setMapping((current) => current.map((c, i) => (i === index ? target : c)));

  const options = () => ({
    ...(tags().trim()
      ? {
          tags: tags()
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        }
      : {}),
    ...(listName().trim() ? { list: listName().trim() } : {}),
    ...(country().trim() ? { defaultCountry: country().trim().toUpperCase() } : {}),
    ...(consentChannel()
      ? {
          consent: {
            channel: consentChannel(),
            status: consentStatus(),
            topic: consentTopic().trim(),
            ...(wording().trim() ? { wordingVersion: wording().trim() } : {}),
          },
        }
      : {}),
  });

  async function start(e: SubmitEvent) {
    e.preventDefault();
    const read = preview();
    const chosen = file();
    if (!read || !chosen) return;
    const problems = mappingProblems(read.header, mapping());
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setMessage(null);
    setUploadShare(0);
    try {
      const byName: Record<string, string> = {};
      read.header.forEach((name, i) => {
        if (read.header.indexOf(name) === i) byName[name] = formatTarget(mapping()[i] ?? { kind: 'ignore' });
      });
      const { id } = await uploadImport({
        file: chosen,
        mapping: byName,
        options: options(),
        onProgress: setUploadShare,
      });
      setImportId(id);
      setPreview(null);
      setFile(null);
    } catch (error) {
      const failure =
        error instanceof UploadFailure ? error : new UploadFailure(toProblem(error).message, {});
      setErrors(failure.fields);
      setMessage(failure.message);
    } finally {
      setUploadShare(null);
    }
  }

  usePageTitle(() => t('imports.title'));
  return (
    <section class="page">
      <div class="page-header">
        <h1>{t('imports.title')}</h1>
        <A href="/contacts">{t('contacts.back')}</A>
      </div>
      <Show when={message()}>
        <Notice kind="error">{message()}</Notice>
      </Show>
      <Show when={importId()}>
        {(id) => <ImportStatus id={id()} onFinished={() => void refetchHistory()} />}
      </Show>
      <div class="card stack">
        <FormField label={t('imports.chooseFile')} error={errors().file}>
          <input
            type="file"
            accept=".csv,.tsv,.txt,text/csv"
            data-testid="import-file"
            onChange={(e) => void choose(e.currentTarget.files?.[0])}
          />
        </FormField>
        <p class="muted">{t('imports.fileHint')}</p>
      </div>
      <Show when={preview()}>
        {(read) => (
          <form class="card stack" onSubmit={(e) => void start(e)}>
            <h2>{t('imports.mapColumns', { file: file()?.name ?? '' })}</h2>
            <Show when={errors().mapping}>
              <Notice kind="error">{errors().mapping}</Notice>
            </Show>
            <MappingTable
              header={read().header}
              samples={read().samples}
              mapping={mapping()}
              existingTypes={existingTypes()}
              errors={errors()}
              onChange={setTarget}
            />
            <h2>{t('imports.options')}</h2>
            <div class="grid-2">
              <FormField label={t('imports.tags')} error={errors()['options.tags']}>
                <input
                  value={tags()}
                  placeholder="fair-2026, vip"
                  onInput={(e) => setTags(e.currentTarget.value)}
                />
              </FormField>
              <FormField label={t('imports.list')} error={errors()['options.list']}>
                <input value={listName()} onInput={(e) => setListName(e.currentTarget.value)} />
              </FormField>
              <FormField label={t('imports.country')} error={errors()['options.defaultCountry']}>
                <input
                  value={country()}
                  maxLength={2}
                  placeholder="DE, CN, US…"
                  onInput={(e) => setCountry(e.currentTarget.value)}
                />
              </FormField>
              <FormField label={t('imports.consentChannel')} error={errors()['options.consent.channel']}>
                <select value={consentChannel()} onChange={(e) => setConsentChannel(e.currentTarget.value)}>
                  <option value="">{t('imports.noConsent')}</option>
                  <option value="email">Email</option>
                  <option value="sms">SMS</option>
                  <option value="wechat">WeChat</option>
                </select>
              </FormField>
              <Show when={consentChannel()}>
                <FormField label={t('imports.consentStatus')}>
                  <select value={consentStatus()} onChange={(e) => setConsentStatus(e.currentTarget.value)}>
                    <option value="opted_in">{t('imports.optedIn')}</option>
                    <option value="opted_out">{t('imports.optedOut')}</option>
                  </select>
                </FormField>
                <FormField label={t('imports.consentTopic')} error={errors()['options.consent.topic']}>
                  <input value={consentTopic()} onInput={(e) => setConsentTopic(e.currentTarget.value)} />
                </FormField>
                <FormField label={t('imports.wording')}>
                  <input value={wording()} onInput={(e) => setWording(e.currentTarget.value)} />
                </FormField>
              </Show>
            </div>
            <Show
              when={uploadShare() === null}
              fallback={
                <ProgressBar
                  testId="upload-progress"
                  share={uploadShare() ?? 0}
                  label={t('imports.uploading')}
                />
              }
            >
              <button class="button" type="submit">
                {t('imports.start')}
              </button>
            </Show>
          </form>
        )}
      </Show>
      <Show when={(history() ?? []).length > 0}>
        <h2>{t('imports.history')}</h2>
        <table class="table" data-testid="import-history">
          <thead>
            <tr>
              <th>{t('imports.file')}</th>
              <th>{t('imports.status')}</th>
              <th>{t('imports.created')}</th>
              <th>{t('imports.updated')}</th>
              <th>{t('imports.rejected')}</th>
              <th>{t('imports.when')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={history()}>
              {(h) => (
                <tr>
                  <td>
                    <button type="button" class="button link" onClick={() => setImportId(h.id)}>
                      {h.fileName}
                    </button>
                  </td>
                  <td>{t(`imports.state.${h.status}`)}</td>
                  <td>{h.counts.created}</td>
                  <td>{h.counts.updated}</td>
                  <td>{h.counts.rejected}</td>
                  <td>{formatDate(h.createdAt)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}

function parseSuggested(text: string | undefined): ColumnTarget | null {
  if (!text) return null;
  const parsed = parseTarget(text);
  return 'error' in parsed ? null : parsed;
}
