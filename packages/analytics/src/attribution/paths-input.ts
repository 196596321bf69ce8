import { z } from 'zod';
import type { ConversionPath } from './conversion-path.ts';

const instant = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time with a zone, e.g. 2026-11-01T10:00:00Z',
});

const pathSchema = z.object({
  touches: z.array(
    z.object({
      channel: z
        .string({ message: 'must be a string naming the channel' })
        .trim()
        .min(1, 'must name the channel')
        .max(200, 'must be at most 200 characters'),
      at: instant,
    }),
    { message: 'must be an array of touches' },
  ),
  conversion: z
    .object(
      {
        at: instant,
        value: z.number({ message: 'must be a number' }).finite().nonnegative('must not be negative'),
      },
      { message: 'must be { "at": …, "value": … } or null (a path that did not convert)' },
    )
    .nullable(),
});

const pathsSchema = z.array(pathSchema, { message: 'must be a JSON array of paths' });

/** A paths file that cannot be read as the format describes; each problem names where it is. */
export class PathsInputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

const where = (path: PropertyKey[]) =>
  path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : `${s}.${String(p)}`), 'paths');

/**
 * Reads the offline format — a JSON array of `{ touches: [{ channel, at }], conversion: { at, value } | null }`,
 * touches in time order and none after the conversion — into paths keyed by channel.
 */
export function parseChannelPaths(json: unknown): ConversionPath[] {
  const parsed = pathsSchema.safeParse(json);
  if (!parsed.success)
    throw new PathsInputError(parsed.error.issues.slice(0, 20).map((i) => `${where(i.path)}: ${i.message}`));
  const problems: string[] = [];
  const paths = parsed.data.map((path, p): ConversionPath => {
    const touches = path.touches.map((t) => ({ key: t.channel, at: Date.parse(t.at) }));
    touches.forEach((touch, t) => {
      if (t > 0 && touch.at < touches[t - 1]!.at)
        problems.push(
          `paths[${p}].touches[${t}].at: is earlier than the touch before it (touches go in time order)`,
        );
    });
    const conversion = path.conversion && {
      at: Date.parse(path.conversion.at),
      value: path.conversion.value,
    };
    if (conversion && touches.length > 0 && touches.at(-1)!.at > conversion.at)
      problems.push(`paths[${p}].touches[${touches.length - 1}].at: is after the conversion`);
    return { touches, conversion };
  });
  if (problems.length > 0) throw new PathsInputError(problems.slice(0, 20));
  return paths;
}
