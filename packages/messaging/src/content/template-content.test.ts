import { describe, expect, it } from 'vitest';
import { resolveContent, type ConcreteContent } from './template-content.ts';

const DEFAULT_FROM = 'Switchboard <no-reply@switchboard.local>';
const version = (content: Partial<ConcreteContent & { kind: 'email' }>) => async () =>
  ({ kind: 'email', subject: 'Hi', html: '<p>Hi</p>', ...content }) as ConcreteContent;

describe('the sender a message goes out with', () => {
  it('a template’s sender name without an address goes out with the default sender address', async () => {
    const content = await resolveContent(
      { kind: 'template', versionId: 'v1' },
      version({ fromName: 'Walk Team' }),
      DEFAULT_FROM,
    );
    expect(content).toMatchObject({ from: '"Walk Team" <no-reply@switchboard.local>' });
    expect(content).not.toHaveProperty('fromName');
  });

  it('a full sender stays as it is, and an A/B variant’s name replaces the name only', async () => {
    const full = version({ from: '"Shop" <news@shop.example>' });
    expect(await resolveContent({ kind: 'template', versionId: 'v1' }, full, DEFAULT_FROM)).toMatchObject({
      from: '"Shop" <news@shop.example>',
    });
    expect(
      await resolveContent(
        { kind: 'template', versionId: 'v1', fromName: 'Ana "at" Shop' },
        full,
        DEFAULT_FROM,
      ),
    ).toMatchObject({ from: '"Ana at Shop" <news@shop.example>' });
  });

  it('inline content with a name only is sent the same way; no name means the default sender', async () => {
    const inline = await resolveContent(
      { kind: 'email', subject: 'Hi', html: '<p>Hi</p>', fromName: 'Support' },
      version({}),
      DEFAULT_FROM,
    );
    expect(inline).toMatchObject({ from: '"Support" <no-reply@switchboard.local>' });
    const plain = await resolveContent({ kind: 'template', versionId: 'v1' }, version({}), DEFAULT_FROM);
    expect(plain).not.toHaveProperty('from');
  });
});
