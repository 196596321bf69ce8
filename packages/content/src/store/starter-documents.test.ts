import { describe, expect, it } from 'vitest';
import { starterDraft } from './starter-documents.ts';

describe('starterDraft', () => {
  it('starts a template in the language its author works in, every format', () => {
    const zh = JSON.stringify([
      starterDraft('email', 'blocks', 'zh-CN'),
      starterDraft('email', 'html', 'zh-CN'),
      starterDraft('email', 'mjml', 'zh-CN'),
      starterDraft('sms', 'text', 'zh-CN'),
    ]);
    expect(zh).toContain('在这里写下您要说的话');
    expect(zh).toContain('了解更多');
    expect(zh).toContain('退订');
    expect(zh).not.toMatch(/Write your message|Read more|Unsubscribe|Hi \{\{/);
    expect(JSON.stringify(starterDraft('email', 'blocks'))).toContain('Write your message here.');
  });
});
