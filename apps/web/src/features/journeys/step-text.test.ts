// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { PROBLEM_MESSAGES, recipeGraph, validateJourney } from '@switchboard/journeys';
import { en } from '../../i18n/en.ts';
import { setLocale } from '../../i18n/i18n.ts';
import { journeyProblemText } from './step-text.ts';

const noContext = { templates: new Map(), segments: new Set<string>() };

describe('journey problems in the user’s language', () => {
  it('has a message in the app for every problem the server can report', () => {
    const missing = Object.keys(PROBLEM_MESSAGES).filter((code) => !(`journeys.problem.${code}` in en));
    expect(missing).toEqual([]);
  });

  it('says the server’s problems in Chinese, naming outlets and channels in Chinese too', () => {
    const graph = recipeGraph('abandonedCart');
    const email = graph.nodes.find((n) => n.id === 'email')!;
    email.next = { next: null };
    const problems = validateJourney(graph, noContext);
    setLocale('zh-CN');
    try {
      const texts = problems.filter((p) => p.nodeId === 'email').map(journeyProblemText);
      expect(texts).toEqual(['请连接“下一步”路径：每条路径都必须有终点', '请为这条消息选择模板']);
      const split = journeyProblemText({
        nodeId: 'split',
        code: 'outletOpen',
        params: { outlet: 'branch B', outletKey: 'b' },
        message: 'Connect the branch B path: every path must end',
      });
      expect(split).toBe('请连接“分支 B”路径：每条路径都必须有终点');
      // A code this app does not know yet (a newer server): the server's own words.
      expect(journeyProblemText({ message: 'Something new' })).toBe('Something new');
    } finally {
      setLocale('en');
    }
    expect(problems.find((p) => p.code === 'noTemplate')?.message).toBe(PROBLEM_MESSAGES.noTemplate);
  });
});
