import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  attribute,
  ATTRIBUTION_MODELS,
  DEFAULT_HALF_LIFE_HOURS,
  parseChannelPaths,
  PathsInputError,
  type AttributionModel,
} from '@switchboard/analytics';
import { DataError, UsageError, type OfflineCommand } from '../command.ts';

/** The six attribution models over a file of channel paths, offline: the same module the app's reports use. */
export const attribution: OfflineCommand = {
  name: 'attribution',
  usage: `attribution <paths.json> [--model all|${ATTRIBUTION_MODELS.join('|')}] [--half-life-hours ${DEFAULT_HALF_LIFE_HOURS}]`,
  summary:
    'Credits each channel of a JSON array of paths ({ touches: [{ channel, at }], conversion: { at, value } | null }) ' +
    'by the attribution models; prints { model: { channel: credit } } as JSON ("-" reads the paths from stdin)',
  options: { model: { type: 'string' }, 'half-life-hours': { type: 'string' } },
  positionals: 1,
  offline: true,
  async run(values, io, [file]) {
    const model = typeof values.model === 'string' ? values.model : 'all';
    if (model !== 'all' && !(ATTRIBUTION_MODELS as readonly string[]).includes(model))
      throw new UsageError(`--model must be all or one of ${ATTRIBUTION_MODELS.join(', ')}; got "${model}"`);
    const halfLifeText =
      typeof values['half-life-hours'] === 'string' ? values['half-life-hours'] : undefined;
    const halfLifeHours = halfLifeText === undefined ? DEFAULT_HALF_LIFE_HOURS : Number(halfLifeText);
    if (!Number.isFinite(halfLifeHours) || halfLifeHours <= 0)
      throw new UsageError(`--half-life-hours must be a positive number of hours; got "${halfLifeText}"`);

    const name = file === '-' ? 'stdin' : file!;
    let text: string;
    try {
      // npm runs scripts from the project folder; a relative name means the folder the command was typed in.
      text =
        file === '-'
          ? await readStdin()
          : await readFile(path.resolve(process.env.INIT_CWD ?? process.cwd(), file!), 'utf8');
    } catch (error) {
      throw new DataError(`Cannot read ${name}: ${(error as Error).message}`, 66);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new DataError(`${name} is not JSON: ${(error as Error).message}`);
    }
    let paths;
    try {
      paths = parseChannelPaths(json);
    } catch (error) {
      if (error instanceof PathsInputError)
        throw new DataError(`${name} does not hold paths:\n${error.message}`);
      throw error;
    }
    const models = model === 'all' ? ATTRIBUTION_MODELS : [model as AttributionModel];
    io.print(JSON.stringify(attribute(paths, { models, halfLifeHours }), null, 2));
  },
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
