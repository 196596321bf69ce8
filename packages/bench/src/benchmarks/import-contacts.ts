import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { createApiKey } from '@switchboard/accounts';
import { Workspace } from '@switchboard/db';
import { startBenchStack, type BenchStack } from '../bench-stack.ts';
import { benchLine, median } from '../measure.ts';
import { writeContactsCsv, type GeneratedCsv } from '../data/contacts-csv.ts';

export interface ImportBenchOptions {
  repoRoot: string;
  rounds: number;
  rows: number;
}

interface ImportStatus {
  import: {
    id: string;
    status: string;
    counts: { created: number; updated: number; duplicates: number; rejected: number };
  };
}

/** Resident memory of a process in MiB, from /proc (Linux). */
async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /VmRSS:\s+(\d+)/.exec(status);
  return kb ? Number(kb[1]) / 1024 : 0;
}

/**
 * The ceiling: PostgreSQL alone moving the file's rows into `contacts` with one set-based insert — the floor any
 * import into the indexed table pays (unique identities, name search, lists), however little work is done before it.
 * The rows get there by COPY into a table of text columns, no indexes, whose speed is printed for context.
 */
async function copyRowsPerSecond(stack: BenchStack, file: string, round: number) {
  const knex = stack.db.fork().getConnection().getKnex();
  const table = `copy_ceiling_${round}`;
  await knex.raw(
    `create table ${table} (email text, phone text, first_name text, last_name text, company text, city text, plan text,
       seats text, signed_up text, tags text)`,
  );
  const started = performance.now();
  const result = await knex.raw<{ rowCount: number }>(
    `copy ${table} from '${file}' with (format csv, header true)`,
  );
  const seconds = (performance.now() - started) / 1000;
  const workspaceId = randomUUID();
  await knex.raw(`insert into workspaces (id, slug, name, created_at) values (?, ?, 'Floor', now())`, [
    workspaceId,
    `floor-${workspaceId.slice(0, 8)}`,
  ]);
  const insertStarted = performance.now();
  await knex.raw(
    `insert into contacts (id, workspace_id, email, phone, first_name, last_name, attributes, attribute_written_at,
       tags, lifecycle_stage, created_at, updated_at)
     select gen_random_uuid(), ?, lower(email), nullif(phone, ''), first_name, last_name,
       jsonb_build_object('company', company, 'city', city, 'plan', plan, 'seats', seats, 'signed_up', signed_up),
       '{}', string_to_array(tags, ';'), 'subscriber', now(), now()
     from ${table} on conflict do nothing`,
    [workspaceId],
  );
  const insertSeconds = (performance.now() - insertStarted) / 1000;
  await knex.raw('delete from contacts where workspace_id = ?', [workspaceId]);
  await knex.raw(`drop table ${table}`);
  return { copy: result.rowCount / seconds, indexedInsert: result.rowCount / insertSeconds };
}

/** The project: POST the file to /api/v1/imports (streamed) and wait until the import workflow has finished. */
async function importRowsPerSecond(stack: BenchStack, file: string, expected: GeneratedCsv) {
  const em = stack.db.fork();
  const workspace = em.create(Workspace, {
    id: randomUUID(),
    slug: `bench-${randomUUID().slice(0, 8)}`,
    name: 'Bench',
  });
  await em.flush();
  const { key } = await createApiKey(stack.db.fork(), {
    workspaceId: workspace.id,
    name: 'bench',
    scopes: ['imports:write'],
    actor: { type: 'cli', id: null, label: 'bench' },
  });
  const headers = { authorization: `Bearer ${key}` };
  const pids = [stack.pids.server, ...(stack.pids.worker ? [stack.pids.worker] : [])];
  const baseline = await Promise.all(pids.map(rssMiB));
  const peak = [...baseline];
  const sampler = setInterval(() => {
    void Promise.all(pids.map(rssMiB)).then((now) =>
      now.forEach((v, i) => (peak[i] = Math.max(peak[i]!, v))),
    );
  }, 100);
  const started = performance.now();
  try {
    const res = await fetch(`${stack.base}/api/v1/imports?fileName=bench.csv`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/csv' },
      body: Readable.toWeb(createReadStream(file)) as ReadableStream,
      duplex: 'half',
    });
    if (res.status !== 202) throw new Error(`Upload refused: ${res.status} ${await res.text()}`);
    const uploadSeconds = (performance.now() - started) / 1000;
    const { import: created } = (await res.json()) as ImportStatus;
    let status: ImportStatus;
    for (;;) {
      status = (await (
        await fetch(`${stack.base}/api/v1/imports/${created.id}`, { headers })
      ).json()) as ImportStatus;
      if (status.import.status === 'completed' || status.import.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const seconds = (performance.now() - started) / 1000;
    const counts = status.import.counts;
    const want = {
      created: expected.rows - expected.invalid - expected.duplicates,
      updated: 0,
      duplicates: expected.duplicates,
      rejected: expected.invalid,
    };
    if (status.import.status !== 'completed' || JSON.stringify(counts) !== JSON.stringify(want))
      throw new Error(
        `The import ${status.import.status} with counts ${JSON.stringify(counts)}; expected ${JSON.stringify(want)}`,
      );
    return {
      rowsPerSecond: expected.rows / seconds,
      seconds,
      uploadSeconds,
      growthMiB: Math.max(...peak.map((p, i) => p - baseline[i]!)),
      growthByProcess: peak.map((p, i) => p - baseline[i]!),
    };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * import-contacts: a generated CSV (`--rows`, default 1,000,000) imported through the REST API and the durable import
 * workflow, against PostgreSQL alone inserting the same rows into the indexed contacts table. The counts must match
 * the generator exactly (created, duplicates merged, rows rejected), and a quarter-size file shows whether memory
 * grows with the file.
 */
export async function importContacts(options: ImportBenchOptions): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'switchboard-import-bench-'));
  // PostgreSQL (running as its own user) reads the file with COPY.
  await chmod(dir, 0o755);
  const stack = await startBenchStack(options.repoRoot, { worker: true });
  try {
    const quarterFile = path.join(dir, 'quarter.csv');
    const file = path.join(dir, 'contacts.csv');
    const quarter = await writeContactsCsv(quarterFile, Math.ceil(options.rows / 4), 7);
    const full = await writeContactsCsv(file, options.rows);
    await chmod(file, 0o644);
    const megabytes = (await stat(file)).size / 1024 / 1024;

    // Warm-up (JIT, connection pools, workflow bundle), then a quarter-size file to compare memory against.
    const warmFile = path.join(dir, 'warm.csv');
    await importRowsPerSecond(stack, warmFile, await writeContactsCsv(warmFile, 20_000, 3));
    const small = await importRowsPerSecond(stack, quarterFile, quarter);
    const copies: Awaited<ReturnType<typeof copyRowsPerSecond>>[] = [];
    const imports: Awaited<ReturnType<typeof importRowsPerSecond>>[] = [];
    for (let round = 0; round < options.rounds; round++) {
      copies.push(await copyRowsPerSecond(stack, file, round));
      imports.push(await importRowsPerSecond(stack, file, full));
    }
    const copyRps = median(copies.map((c) => c.copy));
    const floorRps = median(copies.map((c) => c.indexedInsert));
    const importRps = median(imports.map((r) => r.rowsPerSecond));
    const growth = median(imports.map((r) => r.growthMiB));
    const table = [
      `import-contacts (${options.rows.toLocaleString('en')} rows, ${megabytes.toFixed(1)} MiB, median of ${options.rounds} rounds)`,
      `  ceiling  PostgreSQL alone: insert … select into the indexed contacts table ${floorRps.toFixed(0).padStart(9)} rows/s`,
      `  project  POST /api/v1/imports → workflow   ${importRps.toFixed(0).padStart(9)} rows/s   ${median(imports.map((r) => r.seconds)).toFixed(1)} s (upload stored in ${median(imports.map((r) => r.uploadSeconds)).toFixed(1)} s)   ratio ${(importRps / floorRps).toFixed(2)}, goal ≥ 0.6`,
      `  context  COPY from the same file into an unindexed table ${copyRps.toFixed(0).padStart(9)} rows/s`,
      `  counts   ${full.invalid} rejected and ${full.duplicates} duplicates reported exactly`,
      `  memory   peak growth ${small.growthMiB.toFixed(0)} MiB at ${quarter.rows.toLocaleString('en')} rows, ${growth.toFixed(0)} MiB at ${full.rows.toLocaleString('en')} rows (server ${imports[0]!.growthByProcess[0]!.toFixed(0)}, worker ${(imports[0]!.growthByProcess[1] ?? 0).toFixed(0)} MiB)`,
    ].join('\n');
    return [
      table,
      benchLine('import-contacts', importRps / floorRps, {
        rows_s: importRps,
        ceiling_rows_s: floorRps,
        copy_unindexed_rows_s: copyRps,
        rows: options.rows,
        rejected: full.invalid,
        memory_growth_mib: growth,
        memory_growth_quarter_mib: small.growthMiB,
      }),
    ].join('\n');
  } finally {
    await stack.close();
    await rm(dir, { recursive: true, force: true });
  }
}
