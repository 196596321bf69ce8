import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Workspace } from '../workspaces/workspace.entity.ts';

export const IMPORT_STATUSES = ['uploading', 'queued', 'running', 'completed', 'failed'] as const;

/**
 * One CSV import: the file's header, the column mapping and options it runs with, and live counters the progress bar
 * reads. The rows themselves wait in import_batches until the import workflow has processed them.
 */
export const ContactImport = defineEntity({
  name: 'ContactImport',
  tableName: 'imports',
  indexes: [{ properties: ['workspace', 'createdAt'] }],
  properties: {
    id: p.uuid().primary(),
    workspace: p.manyToOne(Workspace).mapToPk().deleteRule('cascade'),
    fileName: p.string().length(255),
    status: p.enum([...IMPORT_STATUSES]),
    header: p.json<string[]>(),
    mapping: p.json<Record<string, unknown>>(),
    options: p.json<Record<string, unknown>>().default('{}'),
    totalRows: p.integer().default(0),
    batchCount: p.integer().default(0),
    processedRows: p.integer().default(0),
    createdCount: p.integer().default(0),
    updatedCount: p.integer().default(0),
    duplicateCount: p.integer().default(0),
    rejectedCount: p.integer().default(0),
    error: p.text().nullable(),
    createdBy: p.string().length(254),
    createdAt: p.datetime(),
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
  },
});
export type ContactImport = InferEntity<typeof ContactImport>;

/** The owning import, part of the primary key; rows go with their import. */
const importKey = () =>
  p.manyToOne(ContactImport).mapToPk().primary().deleteRule('cascade').fieldName('import_id');

/** A run of parsed rows waiting to be imported; `processedAt` makes re-running a batch a no-op. */
export const ImportBatch = defineEntity({
  name: 'ImportBatch',
  tableName: 'import_batches',
  primaryKeys: ['contactImport', 'batchNo'],
  properties: {
    contactImport: importKey(),
    batchNo: p.integer().primary(),
    firstRow: p.integer(),
    rows: p.json<string[][]>(),
    processedAt: p.datetime().nullable(),
  },
});
export type ImportBatch = InferEntity<typeof ImportBatch>;

/**
 * The contacts an import has created or updated so far. A row in a later batch naming one of them repeats a person
 * already in the file: it is counted as a duplicate, as it would be within one batch. Dropped when the import ends.
 */
export const ImportContact = defineEntity({
  name: 'ImportContact',
  tableName: 'import_contacts',
  primaryKeys: ['contactImport', 'contactId'],
  properties: {
    contactImport: importKey(),
    // No key to contacts: bookkeeping for the import's lifetime, and no lock on the contact row per insert.
    contactId: p.uuid().primary(),
  },
});
export type ImportContact = InferEntity<typeof ImportContact>;

/** A row the import refused, with the reason and the cells as they were, for the downloadable report. */
export const ImportRejection = defineEntity({
  name: 'ImportRejection',
  tableName: 'import_rejections',
  primaryKeys: ['contactImport', 'rowNumber'],
  properties: {
    contactImport: importKey(),
    rowNumber: p.integer().primary(),
    reason: p.text(),
    cells: p.json<string[]>(),
  },
});
export type ImportRejection = InferEntity<typeof ImportRejection>;

/** The mapping last chosen for a column name, so the next file with that column is mapped the same way. */
export const ImportColumnMapping = defineEntity({
  name: 'ImportColumnMapping',
  tableName: 'import_column_mappings',
  primaryKeys: ['workspace', 'columnKey'],
  properties: {
    workspace: p.manyToOne(Workspace).mapToPk().primary().deleteRule('cascade'),
    columnKey: p.string().length(200).primary(),
    target: p.json<Record<string, unknown>>(),
    updatedAt: p.datetime(),
  },
});
export type ImportColumnMapping = InferEntity<typeof ImportColumnMapping>;
