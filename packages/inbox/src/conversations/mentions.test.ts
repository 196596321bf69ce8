import { describe, expect, it } from 'vitest';
import { mentionedMembers } from './mentions.ts';

const ann = { id: 'a', name: 'Ann', email: 'ann@example.com' };
const annLee = { id: 'b', name: 'Ann Lee', email: 'lee@example.com' };
const wang = { id: 'c', name: '王芳', email: 'fang@example.com' };

describe('mentionedMembers', () => {
  it('finds names (longest first), email handles and Chinese names', () => {
    expect(mentionedMembers('@Ann Lee can you look?', [ann, annLee]).map((m) => m.id)).toEqual(['b']);
    expect(mentionedMembers('ask @ann, then @FANG', [ann, annLee, wang]).map((m) => m.id)).toEqual([
      'a',
      'c',
    ]);
    expect(mentionedMembers('请@王芳 跟进', [ann, wang]).map((m) => m.id)).toEqual(['c']);
  });

  it('ignores email addresses, partial words and repeats', () => {
    expect(mentionedMembers('write to ann@example.com', [ann])).toEqual([]);
    expect(mentionedMembers('@annabel is new', [ann])).toEqual([]);
    expect(mentionedMembers('@ann @Ann @ann', [ann])).toHaveLength(1);
  });
});
