import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findWorkspaceBySlug } from '@switchboard/accounts';
import { CONSENT_CHANNELS } from '@switchboard/contacts';
import {
  createImport,
  getImport,
  importHeader,
  rejectedRowsCsv,
  startImportWorkflow,
  utf8Text,
  type ImportView,
} from '@switchboard/imports';
import { required, UsageError, type Command } from '../command.ts';

const BAR_WIDTH = 30;

/** `[#######-----------]  38%  38,000 / 100,000 rows` */
export function progressLine(view: Pick<ImportView, 'processedRows' | 'totalRows'>): string {
  const share = view.totalRows === 0 ? 0 : view.processedRows / view.totalRows;
  const filled = Math.round(share * BAR_WIDTH);
  const percent = `${Math.floor(share * 100)}%`.padStart(4);
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${percent}  ${view.processedRows.toLocaleString('en')} / ${view.totalRows.toLocaleString('en')} rows`;
}

/** --consent email:opted_in[:topic] */
function consentOption(text: string) {
  const [channel, status, ...topic] = text.split(':');
  if (
    !(CONSENT_CHANNELS as readonly string[]).includes(channel ?? '') ||
    !['opted_in', 'opted_out'].includes(status ?? '')
  )
    throw new UsageError(
      '--consent must be <email|sms|wechat>:<opted_in|opted_out>[:topic], e.g. email:opted_in:newsletter',
    );
  return { channel, status, topic: topic.join(':') };
}

/** Polls until the import ends, drawing the bar each time. */
async function followProgress(
  read: () => Promise<ImportView>,
  progress: (line: string, final?: boolean) => void,
): Promise<ImportView> {
  for (;;) {
    const view = await read();
    const done = view.status === 'completed' || view.status === 'failed';
    progress(progressLine(view), done);
    if (done) return view;
    await sleep(250);
  }
}

export const importContacts: Command = {
  name: 'import',
  usage:
    'import <file.csv> --workspace <slug> [--mapping \'{"E-Mail":"email"}\'] [--tags a,b] [--list <name>] [--consent email:opted_in[:topic]] [--country DE]',
  summary:
    'Import contacts from a CSV file through the durable import workflow; shows progress and writes <file>.rejected.csv beside the file if rows are refused',
  positionals: 1,
  options: {
    workspace: { type: 'string' },
    mapping: { type: 'string' },
    tags: { type: 'string' },
    list: { type: 'string' },
    consent: { type: 'string' },
    country: { type: 'string' },
  },
  async run(values, { db, temporal, print, progress }, [file]) {
    // `npm run cli` runs in the repository root; a relative path means where the user typed the command.
    const filePath = path.resolve(process.env.INIT_CWD ?? process.cwd(), file!);
    if (!existsSync(filePath)) throw new UsageError(`No file ${filePath}`);
    const workspace = await findWorkspaceBySlug(db.fork(), required(values, 'workspace'));
    if (!workspace) throw new UsageError(`No workspace "${String(values.workspace)}"`);
    let mapping: Record<string, string> | undefined;
    if (typeof values.mapping === 'string') {
      try {
        mapping = JSON.parse(values.mapping) as Record<string, string>;
      } catch {
        throw new UsageError('--mapping must be JSON such as {"E-Mail":"email","Plan":"attribute:plan"}');
      }
    }
    const options = {
      ...(typeof values.tags === 'string' ? { tags: values.tags.split(',').map((t) => t.trim()) } : {}),
      ...(typeof values.list === 'string' ? { list: values.list } : {}),
      ...(typeof values.consent === 'string' ? { consent: consentOption(values.consent) } : {}),
      ...(typeof values.country === 'string' ? { defaultCountry: values.country.toUpperCase() } : {}),
    };
    const { client, taskQueue } = await temporal();
    progress(`Reading ${path.basename(filePath)}…`, true);
    const created = await createImport(db.fork(), {
      workspaceId: workspace.id,
      fileName: path.basename(filePath),
      csv: utf8Text(createReadStream(filePath)),
      ...(mapping ? { mapping } : {}),
      options,
      actor: { type: 'cli', id: null, label: 'operator CLI' },
    });
    print(
      `Import ${created.id}: ${created.totalRows.toLocaleString('en')} rows, mapping ${created.header.map((h, i) => `${h} → ${created.mapping[i]}`).join(', ')}`,
    );
    await startImportWorkflow(client, taskQueue, created.id);

    const view = await followProgress(async () => {
      const current = await getImport(db.fork(), workspace.id, created.id);
      if (!current) throw new Error('The import disappeared');
      return current;
    }, progress);
    const { created: made, updated, duplicates, rejected } = view.counts;
    print(
      `${view.status === 'completed' ? 'Done' : 'Stopped'}: ${made} created, ${updated} updated, ${duplicates} duplicates merged, ${rejected} rejected.`,
    );
    if (rejected > 0) {
      const reportPath = path.join(
        path.dirname(filePath),
        `${path.basename(filePath, path.extname(filePath))}.rejected.csv`,
      );
      const header = await importHeader(db.fork(), workspace.id, created.id);
      const out = createWriteStream(reportPath);
      for await (const chunk of rejectedRowsCsv(db.fork(), created.id, header!.header))
        if (!out.write(chunk)) await once(out, 'drain');
      out.end();
      await once(out, 'finish');
      print(`Rejected rows and reasons: ${reportPath}`);
    }
    if (view.status === 'failed') throw new Error(view.error ?? 'The import failed');
  },
};
