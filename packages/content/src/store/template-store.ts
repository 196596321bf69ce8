import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { EntityManager } from '@switchboard/db';
import { notFound, recordAudit, validationError, type Actor } from '@switchboard/accounts';
import { sql } from '@switchboard/contacts';
import { iso } from '@switchboard/messaging';
import { blocksPublishing } from '../checks/pre-send-checks.ts';
import { parseDraft, type TemplateChannel, type TemplateFormat } from '../render/template-draft.ts';
import { renderPreview } from './render-preview.ts';
import { starterDraft } from './starter-documents.ts';

export const createTemplateSchema = z.object({
  name: z.string().trim().min(1, 'Name the template').max(200),
  channel: z.enum(['email', 'sms', 'wechat']),
  format: z.enum(['blocks', 'mjml', 'html', 'text']).optional(),
  /** The language of the starter words (the editor sends the one its user works in). */
  language: z.enum(['en', 'zh-CN']).optional(),
  /** The content to start from instead of the starter (the REST API's "create draft"); checked like a saved draft. */
  draft: z.unknown().optional(),
});

interface TemplateRow {
  id: string;
  name: string;
  channel: TemplateChannel;
  format: TemplateFormat;
  draft: Record<string, unknown>;
  latest_version: number;
  archived: boolean;
  created_at: string | Date;
  updated_at: string | Date;
}

export interface TemplateView {
  id: string;
  name: string;
  channel: TemplateChannel;
  format: TemplateFormat;
  draft: Record<string, unknown>;
  latestVersion: number;
  latestVersionId: string | null;
  updatedAt: string;
}

function view(row: TemplateRow & { latest_version_id?: string | null }): TemplateView {
  return {
    id: row.id,
    name: row.name,
    channel: row.channel,
    format: row.format,
    draft: row.draft,
    latestVersion: row.latest_version,
    latestVersionId: row.latest_version_id ?? null,
    updatedAt: iso(row.updated_at)!,
  };
}

/** A bad draft field names its path (draft.document.sections.0.columns…), as the API promises. */
function parsedDraft(channel: TemplateChannel, format: TemplateFormat, draft: unknown) {
  try {
    return parseDraft(channel, format, draft);
  } catch (error) {
    if (error instanceof z.ZodError) {
      const issue = error.issues[0]!;
      throw validationError(['draft', ...issue.path].join('.'), issue.message);
    }
    throw validationError('format', (error as Error).message);
  }
}

export async function createTemplate(
  em: EntityManager,
  workspaceId: string,
  actor: Actor,
  input: z.infer<typeof createTemplateSchema>,
): Promise<TemplateView> {
  const format: TemplateFormat = input.channel === 'email' ? (input.format ?? 'blocks') : 'text';
  // Checked before anything is written: a bad draft leaves no half-made template behind.
  const draft = parsedDraft(
    input.channel,
    format,
    input.draft ?? starterDraft(input.channel, format, input.language ?? 'en'),
  ).draft;
  const id = randomUUID();
  await sql(
    em,
    `insert into templates (id, workspace_id, name, channel, format, draft, latest_version, archived, created_by_id,
       created_at, updated_at) values (?, ?, ?, ?, ?, ?::jsonb, 0, false, ?, now(), now())`,
    [
      id,
      workspaceId,
      input.name,
      input.channel,
      format,
      JSON.stringify(draft),
      actor.type === 'user' ? actor.id : null,
    ],
  );
  return (await getTemplate(em, workspaceId, id)).template;
}

export async function listTemplates(em: EntityManager, workspaceId: string, channel?: TemplateChannel) {
  const rows = await sql<TemplateRow & { latest_version_id: string | null }>(
    em,
    `select t.*, v.id as latest_version_id from templates t
     left join template_versions v on v.template_id = t.id and v.version = t.latest_version
     where t.workspace_id = ? and not t.archived ${channel ? 'and t.channel = ?' : ''}
     order by t.updated_at desc limit 500`,
    channel ? [workspaceId, channel] : [workspaceId],
  );
  return rows.map(view);
}

/**
 * Templates newest first for clients paging through them all; the cursor is the last template's id (created time
 * never changes, so a draft saved meanwhile does not move it between pages as "recently edited" order would).
 */
export async function listTemplatesPage(
  em: EntityManager,
  workspaceId: string,
  page: { limit: number; after?: string; channel?: TemplateChannel },
) {
  const rows = await sql<TemplateRow & { latest_version_id: string | null }>(
    em,
    `select t.*, v.id as latest_version_id from templates t
     left join template_versions v on v.template_id = t.id and v.version = t.latest_version
     where t.workspace_id = ? and not t.archived ${page.channel ? 'and t.channel = ?' : ''}
       ${page.after ? 'and (t.created_at, t.id) < (select created_at, id from templates where id = ?::uuid and workspace_id = ?)' : ''}
     order by t.created_at desc, t.id desc limit ?`,
    [
      workspaceId,
      ...(page.channel ? [page.channel] : []),
      ...(page.after ? [page.after, workspaceId] : []),
      page.limit + 1,
    ],
  );
  const templates = rows.slice(0, page.limit).map(view);
  return { templates, next: rows.length > page.limit ? templates.at(-1)!.id : null };
}

export async function getTemplate(em: EntityManager, workspaceId: string, id: string) {
  const [row] = await sql<TemplateRow & { latest_version_id: string | null }>(
    em,
    `select t.*, v.id as latest_version_id from templates t
     left join template_versions v on v.template_id = t.id and v.version = t.latest_version
     where t.workspace_id = ? and t.id = ?`,
    [workspaceId, id],
  );
  if (!row) throw notFound('Template');
  const versions = await sql<{ id: string; version: number; published_at: string; warnings: unknown[] }>(
    em,
    `select id, version, published_at, warnings from template_versions where template_id = ? order by version desc`,
    [id],
  );
  return {
    template: view(row),
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      publishedAt: iso(v.published_at)!,
      warnings: v.warnings.length,
    })),
  };
}

export async function saveDraft(
  em: EntityManager,
  workspaceId: string,
  id: string,
  input: { name?: string; draft: unknown },
): Promise<TemplateView> {
  const { template } = await getTemplate(em, workspaceId, id);
  const draft = parsedDraft(template.channel, template.format, input.draft).draft;
  await sql(
    em,
    `update templates set draft = ?::jsonb, name = coalesce(?, name), updated_at = now() where id = ?`,
    [JSON.stringify(draft), input.name?.trim() || null, id],
  );
  return (await getTemplate(em, workspaceId, id)).template;
}

export async function previewDraft(
  em: EntityManager,
  workspaceId: string,
  id: string,
  input: { draft?: unknown; contactId?: string },
) {
  const { template } = await getTemplate(em, workspaceId, id);
  const draft = parsedDraft(template.channel, template.format, input.draft ?? template.draft);
  return renderPreview(em, workspaceId, draft, {
    title: template.name,
    ...(input.contactId ? { contactId: input.contactId } : {}),
  });
}

/**
 * Publishes the current draft as the next immutable version, unless a blocking check fails. The version stores the
 * compiled HTML and plain text, so sending never compiles MJML.
 */
export async function publishTemplate(
  em: EntityManager,
  workspaceId: string,
  actor: Actor,
  id: string,
): Promise<{ versionId: string; version: number; warnings: number }> {
  const { template } = await getTemplate(em, workspaceId, id);
  const draft = parsedDraft(template.channel, template.format, template.draft);
  const preview = await renderPreview(em, workspaceId, draft, { title: template.name });
  if (blocksPublishing(preview.findings)) {
    const blocking = preview.findings.filter((f) => f.level === 'block');
    throw validationError(
      `checks.${blocking[0]!.code}`,
      `Not published: ${blocking.map((f) => f.message).join('; ')}`,
    );
  }
  return em.transactional(async (tx) => {
    const [bumped] = await sql<{ latest_version: number }>(
      tx,
      `update templates set latest_version = latest_version + 1, updated_at = now() where id = ?
       returning latest_version`,
      [id],
    );
    const versionId = randomUUID();
    const warnings = preview.findings.filter((f) => f.level === 'warn');
    await sql(
      tx,
      `insert into template_versions (id, workspace_id, template_id, version, channel, content, source, warnings,
         published_by_id, published_at) values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, now())`,
      [
        versionId,
        workspaceId,
        id,
        bumped!.latest_version,
        template.channel,
        JSON.stringify(preview.content),
        JSON.stringify({ format: template.format, draft: draft.draft, mjml: preview.mjml }),
        JSON.stringify(warnings),
        actor.type === 'user' ? actor.id : null,
      ],
    );
    recordAudit(tx, {
      workspaceId,
      actor,
      action: 'template.published',
      target: { type: 'template', id },
      details: { version: bumped!.latest_version, warnings: warnings.map((w) => w.code) },
    });
    return { versionId, version: bumped!.latest_version, warnings: warnings.length };
  });
}

export async function archiveTemplate(em: EntityManager, workspaceId: string, actor: Actor, id: string) {
  await getTemplate(em, workspaceId, id);
  await sql(em, 'update templates set archived = true, updated_at = now() where id = ?', [id]);
  recordAudit(em, { workspaceId, actor, action: 'template.archived', target: { type: 'template', id } });
  await em.flush();
}

/** Duplicates a template's draft under a new name (versions are not copied: the copy starts unpublished). */
export async function duplicateTemplate(em: EntityManager, workspaceId: string, actor: Actor, id: string) {
  const { template } = await getTemplate(em, workspaceId, id);
  const copy = await createTemplate(em, workspaceId, actor, {
    name: `${template.name} (copy)`.slice(0, 200),
    channel: template.channel,
    format: template.format,
  });
  return saveDraft(em, workspaceId, copy.id, { draft: template.draft });
}
