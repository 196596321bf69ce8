import { describe, expect, it } from 'vitest';
import { OPT_IN_EMAIL, optInLanguage, optInLanguageOfHeader } from './double-opt-in-copy.ts';

describe('double opt-in language', () => {
  it('follows the contact’s locale: any Chinese reads Chinese, anything else English', () => {
    expect(optInLanguage('zh-CN')).toBe('zh-CN');
    expect(optInLanguage('zh')).toBe('zh-CN');
    expect(optInLanguage('ZH-Hans')).toBe('zh-CN');
    expect(optInLanguage('en')).toBe('en');
    expect(optInLanguage('de-DE')).toBe('en');
    expect(optInLanguage('zhx')).toBe('en');
    expect(optInLanguage(null)).toBe('en');
  });

  it('reads the browser’s first language Switchboard speaks', () => {
    expect(optInLanguageOfHeader('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(optInLanguageOfHeader('de-DE,zh;q=0.7')).toBe('zh-CN');
    expect(optInLanguageOfHeader('en-US,zh;q=0.5')).toBe('en');
    expect(optInLanguageOfHeader('fr')).toBe('en');
    expect(optInLanguageOfHeader(undefined)).toBe('en');
  });

  it('names the topic when there is one', () => {
    expect(OPT_IN_EMAIL.en.ask(OPT_IN_EMAIL.en.what('news'), 'Acme')).toBe(
      'Please confirm that you want to receive “news” emails from Acme',
    );
    expect(OPT_IN_EMAIL['zh-CN'].ask(OPT_IN_EMAIL['zh-CN'].what(undefined), 'Acme')).toBe(
      '请确认你愿意接收来自 Acme 的邮件',
    );
  });
});
