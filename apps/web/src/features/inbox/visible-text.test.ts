import { describe, expect, it } from 'vitest';
import { visibleText } from './visible-text.ts';

describe('visibleText', () => {
  it('shows direction overrides as their code and leaves other text alone', () => {
    expect(visibleText('invoice\u202Egnp.exe')).toBe('invoice[U+202E]gnp.exe');
    expect(visibleText('\u2067x\u2069')).toBe('[U+2067]x[U+2069]');
    expect(visibleText('<script>你好 مرحبا')).toBe('<script>你好 مرحبا');
  });
});
