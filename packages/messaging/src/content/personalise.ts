import { Liquid, type FS, type Template } from 'liquidjs';
import type { ContactRow } from '@switchboard/contacts';

/**
 * Liquid personalisation with the guard rails user-edited templates need: own properties only (no prototype walks),
 * no file access (include/render/layout find nothing), and limits on time, work and memory, plus a cap on the
 * output. A hostile template fails its own message; it cannot hang or exhaust the worker.
 */
export const LIQUID_LIMITS = {
  renderMs: 250,
  templateRenders: 20_000,
  memory: 20_000_000,
  parseChars: 1_000_000,
  outputChars: 1_000_000,
} as const;

export class PersonalisationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PersonalisationError';
  }
}

const NO_FILES: FS = {
  exists: () => Promise.resolve(false),
  existsSync: () => false,
  readFile: (file) => Promise.reject(new PersonalisationError(`Templates cannot read files (${file})`)),
  readFileSync: (file) => {
    throw new PersonalisationError(`Templates cannot read files (${file})`);
  },
  resolve: (_dir, file) => file,
};

const engine = (escapeHtml: boolean) =>
  new Liquid({
    fs: NO_FILES,
    root: [],
    relativeReference: false,
    ownPropertyOnly: true,
    strictFilters: true,
    parseLimit: LIQUID_LIMITS.parseChars,
    renderLimit: LIQUID_LIMITS.renderMs,
    memoryLimit: LIQUID_LIMITS.memory,
    ...(escapeHtml ? { outputEscape: 'escape' as const } : {}),
  });

/** Values inserted into HTML are escaped (a contact named `<script>` stays text); plain text and SMS are not. */
const ENGINES = { html: engine(true), text: engine(false) };

export type LiquidContext = Record<string, unknown>;

/** What a template can see: the contact's profile and custom fields, the workspace, and system links. */
export function liquidContext(
  contact: ContactRow | null,
  workspace: { name: string; postal_address: string | null },
  links: { unsubscribe_url: string },
  event: Record<string, unknown> = {},
): LiquidContext {
  return {
    event,
    contact: contact
      ? {
          first_name: contact.first_name,
          last_name: contact.last_name,
          email: contact.email,
          phone: contact.phone,
          locale: contact.locale,
          timezone: contact.timezone,
          lifecycle_stage: contact.lifecycle_stage,
          tags: contact.tags,
          ...contact.attributes,
        }
      : {},
    workspace: { name: workspace.name, postal_address: workspace.postal_address },
    ...links,
  };
}

/**
 * Parsed templates by source: a campaign parses its body once and renders it per recipient. Bounded, oldest out.
 */
export class TemplateCache {
  private readonly parsed = new Map<string, Template[]>();
  constructor(private readonly size = 200) {}

  get(kind: keyof typeof ENGINES, source: string): Template[] {
    const key = `${kind}\u0000${source}`;
    const hit = this.parsed.get(key);
    if (hit) return hit;
    let templates: Template[];
    try {
      templates = ENGINES[kind].parse(source);
    } catch (error) {
      throw new PersonalisationError(`The template does not parse: ${(error as Error).message}`);
    }
    if (this.parsed.size >= this.size) this.parsed.delete(this.parsed.keys().next().value!);
    this.parsed.set(key, templates);
    return templates;
  }
}

/** Renders one field; text without Liquid markup is returned as it is, without touching the engine. */
export function personalise(
  kind: keyof typeof ENGINES,
  source: string,
  context: LiquidContext,
  cache: TemplateCache,
): Promise<string> {
  return Promise.resolve().then(() => renderField(kind, source, context, cache));
}

function renderField(
  kind: keyof typeof ENGINES,
  source: string,
  context: LiquidContext,
  cache: TemplateCache,
): string {
  if (!source.includes('{{') && !source.includes('{%')) return source;
  let output: unknown;
  try {
    // Synchronous rendering: our templates never wait on I/O (no files, no async filters), and the async renderer's
    // promise per node costs more than the rendering itself.
    output = ENGINES[kind].renderSync(cache.get(kind, source), context, {
      templateLimit: LIQUID_LIMITS.templateRenders,
    });
  } catch (error) {
    if (error instanceof PersonalisationError) throw error;
    throw new PersonalisationError(`The template failed: ${(error as Error).message}`);
  }
  const text = String(output);
  if (text.length > LIQUID_LIMITS.outputChars)
    throw new PersonalisationError(`The template produced more than ${LIQUID_LIMITS.outputChars} characters`);
  return text;
}
