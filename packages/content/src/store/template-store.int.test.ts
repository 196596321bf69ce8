import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@switchboard/accounts';
import { sql } from '@switchboard/contacts';
import { useTestDatabase, type TestDatabase } from '@switchboard/testkit';
import { createTemplate, getTemplate, previewDraft, publishTemplate, saveDraft } from './template-store.ts';
import { saveBlock, listSavedBlocks } from './saved-blocks.ts';
import { footerSection, starterDocument } from './starter-documents.ts';

const actor: Actor = { type: 'cli', id: null, label: 'template test' };
let database: TestDatabase;
let workspaceId: string;
const em = () => database.db.fork();
const draft = (document: unknown, subject = 'Hello {{ contact.first_name }}') => ({
  subject,
  preheader: '',
  fromName: 'Acme',
  fromAddress: 'news@acme.example',
  replyTo: '',
  document,
});

beforeAll(async () => {
  database = await useTestDatabase();
  workspaceId = randomUUID();
  await sql(
    em(),
    `insert into workspaces (id, slug, name, postal_address, default_locale, created_at)
     values (?, ?, 'Acme Shop', 'Acme GmbH, Hauptstraße 1, 10115 Berlin', 'en', now())`,
    [workspaceId, `acme-${workspaceId.slice(0, 8)}`],
  );
  await sql(
    em(),
    `insert into contacts (id, workspace_id, email, first_name, created_at, updated_at)
     values (gen_random_uuid(), ?, 'ada@example.org', 'Ada', now(), now())`,
    [workspaceId],
  );
});

describe('templates', () => {
  it('previews as a contact and publishes immutable, numbered versions of the compiled HTML', async () => {
    const template = await createTemplate(em(), workspaceId, actor, { name: 'Welcome', channel: 'email' });
    await saveDraft(em(), workspaceId, template.id, { draft: draft(starterDocument()) });
    const preview = await previewDraft(em(), workspaceId, template.id, {});
    expect(preview.contact?.label).toBe('Ada');
    expect(preview.rendered).toMatchObject({ kind: 'email', subject: 'Hello Ada' });
    expect(preview.findings.filter((f) => f.level === 'block')).toEqual([]);

    const first = await publishTemplate(em(), workspaceId, actor, template.id);
    await saveDraft(em(), workspaceId, template.id, { draft: draft(starterDocument(), 'Second subject') });
    const second = await publishTemplate(em(), workspaceId, actor, template.id);
    expect([first.version, second.version]).toEqual([1, 2]);
    const versions = await sql<{ id: string; content: { subject: string; html: string } }>(
      em(),
      'select id, content from template_versions where template_id = ? order by version',
      [template.id],
    );
    expect(versions.map((v) => v.content.subject)).toEqual([
      'Hello {{ contact.first_name }}',
      'Second subject',
    ]);
    expect(versions[0]!.content.html).toContain('<!doctype html>');
    expect((await getTemplate(em(), workspaceId, template.id)).template.latestVersionId).toBe(
      second.versionId,
    );
  });

  it('refuses to publish marketing email without an unsubscribe link, and writes no version', async () => {
    const template = await createTemplate(em(), workspaceId, actor, { name: 'No footer', channel: 'email' });
    const document = starterDocument();
    document.sections = document.sections.slice(0, 1);
    await saveDraft(em(), workspaceId, template.id, { draft: draft(document) });
    await expect(publishTemplate(em(), workspaceId, actor, template.id)).rejects.toMatchObject({
      field: 'checks.unsubscribe_missing',
      message: expect.stringContaining('{{ unsubscribe_url }}'),
    });
    expect((await getTemplate(em(), workspaceId, template.id)).versions).toEqual([]);
  });

  it('stops a hostile template in preview instead of hanging, and refuses to publish it', async () => {
    const template = await createTemplate(em(), workspaceId, actor, { name: 'Hostile', channel: 'email' });
    const document = starterDocument();
    document.sections[0]!.columns[0]!.blocks.unshift({
      id: 'evil',
      type: 'text',
      html: '{% for a in (1..100000000) %}{% for b in (1..100000000) %}x{% endfor %}{% endfor %}',
    });
    await saveDraft(em(), workspaceId, template.id, { draft: draft(document) });
    const started = Date.now();
    const preview = await previewDraft(em(), workspaceId, template.id, {});
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(preview.rendered).toBeNull();
    expect(preview.findings.map((f) => f.code)).toContain('liquid_error');
    await expect(publishTemplate(em(), workspaceId, actor, template.id)).rejects.toMatchObject({
      field: 'checks.liquid_error',
    });
  });

  it('names the bad field of a draft', async () => {
    const template = await createTemplate(em(), workspaceId, actor, { name: 'Bad draft', channel: 'email' });
    await expect(
      saveDraft(em(), workspaceId, template.id, {
        draft: draft({ sections: [{ id: 's', type: 'section', columns: [] }] }),
      }),
    ).rejects.toMatchObject({ field: 'draft.document.sections.0.columns' });
  });

  it('shares saved blocks across the workspace, one name each', async () => {
    await saveBlock(em(), workspaceId, { name: 'Footer', block: footerSection() });
    await expect(
      saveBlock(em(), workspaceId, { name: 'Footer', block: footerSection() }),
    ).rejects.toMatchObject({
      field: 'name',
    });
    expect((await listSavedBlocks(em(), workspaceId)).map((b) => b.name)).toEqual(['Footer']);
  });
});
