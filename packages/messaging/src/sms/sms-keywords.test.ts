import { describe, expect, it } from 'vitest';
import { classifySmsKeyword } from './sms-keywords.ts';

describe('classifySmsKeyword: exact keywords', () => {
  it.each([
    ['STOP', 'STOP'],
    ['stop', 'STOP'],
    ['  Stop.  ', 'STOP'],
    ['STOP!!!', 'STOP'],
    ['stop 🛑', 'STOP'],
    ['Stop 🙏🏽', 'STOP'],
    ['ＳＴＯＰ', 'STOP'],
    ['ｓｔｏｐ！', 'STOP'],
    ['STOPALL', 'STOPALL'],
    ['stop all', 'STOPALL'],
    ['Unsubscribe', 'UNSUBSCRIBE'],
    ['cancel', 'CANCEL'],
    ['End', 'END'],
    ['quit', 'QUIT'],
    ['REVOKE', 'REVOKE'],
    ['optout', 'OPTOUT'],
    ['Opt-out', 'OPTOUT'],
    ['opt out', 'OPTOUT'],
    ['退订', '退订'],
    ['退订。', '退订'],
    ['TD', 'TD'],
    ['td', 'TD'],
    ['Ｔ', 'T'],
    ['t', 'T'],
    ['取消订阅', '取消订阅'],
  ])('%j is an opt-out (%s)', (body, keyword) => {
    expect(classifySmsKeyword(body)).toEqual({ kind: 'opt_out', keyword, scope: 'all' });
  });

  it.each([
    ['START', 'START'],
    ['start', 'START'],
    ['Unstop', 'UNSTOP'],
    ['yes', 'YES'],
    ['Yes!', 'YES'],
    ['SUBSCRIBE', 'SUBSCRIBE'],
  ])('%j is an opt-in (%s)', (body, keyword) => {
    expect(classifySmsKeyword(body)).toEqual({ kind: 'opt_in', keyword });
  });

  it.each([
    ['HELP', 'HELP'],
    ['help?', 'HELP'],
    ['Info', 'INFO'],
    ['帮助', '帮助'],
    ['ＨＥＬＰ', 'HELP'],
  ])('%j is a help request (%s)', (body, keyword) => {
    expect(classifySmsKeyword(body)).toEqual({ kind: 'help', keyword });
  });
});

describe('classifySmsKeyword: free-text opt-outs', () => {
  it.each([
    'please stop texting me',
    'Please STOP texting me!!',
    'stop sending me messages',
    'Can you stop sending me these stupid messages?',
    'I want to stop receiving your texts',
    'stop the texts please',
    'remove me from your list',
    'Please take my number off your mailing list',
    'unsubscribe me',
    'Please unsubscribe me.',
    'I want to unsubscribe',
    'opt me out',
    'don’t text me anymore',
    "don't text me anymore",
    'Do not contact me again.',
    'never text me again',
    "Don't send me any more messages",
    "I don't want your texts",
    'no more texts',
    'No more messages please',
    'Wrong number. STOP',
    'ok stop please',
    'Stop stop stop',
    'stop it',
    'Stop sending!',
    'Stop spamming me',
    'How do I unsubscribe?',
    "Why won't you stop texting me?",
    '不要再发了',
    '别再给我发短信',
    '请不要再给我发短信了，谢谢',
    '停止发送',
    '我不想再收到你们的短信',
    '别再打扰我了',
    '我要退订',
    '不要再发送这些广告',
    '请勿打扰',
  ])('%j is an opt-out', (body) => {
    expect(classifySmsKeyword(body)).toMatchObject({ kind: 'opt_out', scope: 'all' });
  });

  it('reports the matched phrase as the keyword', () => {
    expect(classifySmsKeyword('Hey, please stop texting me!')).toEqual({
      kind: 'opt_out',
      keyword: 'stop texting',
      scope: 'all',
    });
  });

  it.each([
    "I can't stop smiling, thanks!",
    'Where is the bus stop?',
    'When does the sale end?',
    'stop by the store tomorrow?',
    'Is the offer still valid?',
    'Can you stop sending the parcel to my old address?',
    "Please don't stop sending me deals!",
    "I don't want to unsubscribe",
    "Don't text me before 9am",
    'Yes please, I love these texts',
    'Thanks!',
    'What time do you open?',
    'stopped by yesterday, great service',
    '不要发货了，我要退款',
    '不要退订',
    '好的，谢谢',
    '明天几点发货？',
    '',
    '   ',
    '🛑',
  ])('%j is not a keyword', (body) => {
    expect(classifySmsKeyword(body)).toEqual({ kind: 'none' });
  });

  it('ignores free-text phrases in long messages', () => {
    const long = `${'I have a question about my order and the delivery window. '.repeat(3)}Also stop texting me.`;
    expect(long.length).toBeGreaterThan(160);
    expect(classifySmsKeyword(long)).toEqual({ kind: 'none' });
  });
});
