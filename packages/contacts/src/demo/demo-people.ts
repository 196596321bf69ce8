import { seededRandom } from './seeded-random.ts';

const WESTERN_FIRST = [
  'Anna',
  'Ben',
  'Clara',
  'David',
  'Emma',
  'Felix',
  'Greta',
  'Hugo',
  'Ida',
  'Jonas',
  'Lena',
  'Max',
  'Nora',
  'Oskar',
  'Paula',
  'Sofia',
  'Tom',
  'Zoe',
  'Liam',
  'Olivia',
];
const WESTERN_LAST = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Smith',
  'Johnson',
  'Brown',
  'Garcia',
  'Martin',
  'Dubois',
  'Rossi',
  'Novak',
];
const CHINESE_FIRST = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '艳',
  '勇',
  '杰',
  '娟',
  '涛',
  '明',
];
const CHINESE_LAST = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
];
const PINYIN: Record<string, string> = {
  王: 'wang',
  李: 'li',
  张: 'zhang',
  刘: 'liu',
  陈: 'chen',
  杨: 'yang',
  赵: 'zhao',
  黄: 'huang',
  周: 'zhou',
  吴: 'wu',
  徐: 'xu',
  孙: 'sun',
  胡: 'hu',
  朱: 'zhu',
  高: 'gao',
  林: 'lin',
  伟: 'wei',
  芳: 'fang',
  娜: 'na',
  敏: 'min',
  静: 'jing',
  丽: 'li',
  强: 'qiang',
  磊: 'lei',
  军: 'jun',
  洋: 'yang',
  艳: 'yan',
  勇: 'yong',
  杰: 'jie',
  娟: 'juan',
  涛: 'tao',
  明: 'ming',
};
const DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example.de', 'example.cn'];
const PLANS = ['free', 'starter', 'pro', 'enterprise'];
const CITIES_DE = ['Berlin', 'Hamburg', 'München', 'Köln'];
const CITIES_CN = ['上海', '北京', '深圳', '杭州'];
const CITIES_US = ['San Francisco', 'New York', 'Austin', 'Seattle'];

export interface DemoPerson {
  email: string;
  phone: string | null;
  wechatId: string | null;
  firstName: string;
  lastName: string;
  timezone: string;
  locale: string;
  lifecycleStage: 'subscriber' | 'lead' | 'mql' | 'sql' | 'opportunity' | 'customer';
  tags: string[];
  attributes: Record<string, string | number | boolean | string[]>;
  createdDaysAgo: number;
  createdMinuteOfDay: number;
}

/** `count` realistic, deterministic people from Germany, China and the US. */
export function demoPeople(count: number, seed = 20261126): DemoPerson[] {
  const random = seededRandom(seed);
  const people: DemoPerson[] = [];
  for (let i = 0; i < count; i++) {
    const region = random.pick(['de', 'de', 'cn', 'cn', 'us'] as const);
    let firstName: string;
    let lastName: string;
    let localPart: string;
    if (region === 'cn') {
      lastName = random.pick(CHINESE_LAST);
      firstName = random.pick(CHINESE_FIRST) + (random.chance(0.5) ? random.pick(CHINESE_FIRST) : '');
      localPart = `${[...firstName].map((c) => PINYIN[c] ?? 'x').join('')}.${PINYIN[lastName] ?? 'x'}`;
    } else {
      firstName = random.pick(WESTERN_FIRST);
      lastName = random.pick(WESTERN_LAST);
      localPart = `${firstName}.${lastName}`.toLowerCase().replace(/ü/g, 'ue');
    }
    const stageRoll = random.next();
    const lifecycleStage =
      stageRoll < 0.45
        ? 'subscriber'
        : stageRoll < 0.65
          ? 'lead'
          : stageRoll < 0.75
            ? 'mql'
            : stageRoll < 0.82
              ? 'sql'
              : stageRoll < 0.87
                ? 'opportunity'
                : 'customer';
    const phone =
      region === 'de'
        ? `+49151${String(10000000 + i).slice(-8)}`
        : region === 'cn'
          ? `+86138${String(10000000 + i).slice(-8)}`
          : random.chance(0.6)
            ? `+1415${String(2000000 + i).slice(-7)}`
            : null;
    people.push({
      email: `${localPart}.${i}@${random.pick(DOMAINS)}`,
      phone: random.chance(0.7) ? phone : null,
      wechatId: region === 'cn' && random.chance(0.6) ? `wxid_demo_${i.toString(36)}` : null,
      firstName,
      lastName,
      timezone: region === 'de' ? 'Europe/Berlin' : region === 'cn' ? 'Asia/Shanghai' : 'America/Los_Angeles',
      locale: region === 'cn' ? 'zh-CN' : region === 'de' ? 'de' : 'en',
      lifecycleStage,
      tags: [
        ...(random.chance(0.3) ? ['newsletter'] : []),
        ...(random.chance(0.08) ? ['vip'] : []),
        ...(random.chance(0.15) ? ['webinar-2026'] : []),
      ],
      attributes: {
        plan: random.pick(PLANS),
        city:
          region === 'de'
            ? random.pick(CITIES_DE)
            : region === 'cn'
              ? random.pick(CITIES_CN)
              : random.pick(CITIES_US),
        seats: random.int(1, 250),
        newsletter_opt_in: random.chance(0.6),
      },
      createdDaysAgo: random.int(0, 365),
      createdMinuteOfDay: random.int(0, 1439),
    });
  }
  return people;
}

const EVENT_MIX = [
  { name: 'page_viewed', weight: 50 },
  { name: 'product_viewed', weight: 20 },
  { name: 'cart_abandoned', weight: 6 },
  { name: 'order_completed', weight: 5 },
  { name: 'webinar_registered', weight: 3 },
  { name: 'trial_started', weight: 2 },
] as const;
const PAGES = ['/', '/pricing', '/features', '/blog/omnichannel-journeys', '/docs/api', '/contact'];
const PRODUCTS = [
  { sku: 'SB-STARTER', name: 'Starter plan', price: 29 },
  { sku: 'SB-PRO', name: 'Pro plan', price: 99 },
  { sku: 'SB-SEAT', name: 'Extra seat', price: 12 },
  { sku: 'SB-SMS-1K', name: '1,000 SMS credits', price: 45 },
];

export interface DemoEvent {
  person: number;
  name: string;
  properties: Record<string, unknown>;
  revenue: number | null;
  currency: string | null;
  daysAgo: number;
  minuteOfDay: number;
}

/** About `perPerson` events each over the last 90 days, with carts and orders that carry items and revenue. */
export function demoEvents(people: number, perPerson = 8, seed = 903): DemoEvent[] {
  const random = seededRandom(seed);
  const total = EVENT_MIX.reduce((s, e) => s + e.weight, 0);
  const events: DemoEvent[] = [];
  for (let person = 0; person < people; person++) {
    const n = random.int(0, perPerson * 2);
    for (let k = 0; k < n; k++) {
      let roll = random.next() * total;
      const kind = EVENT_MIX.find((e) => (roll -= e.weight) < 0) ?? EVENT_MIX[0];
      const product = random.pick(PRODUCTS);
      const quantity = random.int(1, 3);
      const properties: Record<string, unknown> =
        kind.name === 'page_viewed'
          ? { path: random.pick(PAGES) }
          : kind.name === 'product_viewed'
            ? { sku: product.sku, name: product.name }
            : kind.name === 'cart_abandoned' || kind.name === 'order_completed'
              ? { items: [{ sku: product.sku, name: product.name, quantity, price: product.price }] }
              : {};
      events.push({
        person,
        name: kind.name,
        properties,
        revenue: kind.name === 'order_completed' ? product.price * quantity : null,
        currency: kind.name === 'order_completed' ? 'EUR' : null,
        daysAgo: random.int(0, 89),
        minuteOfDay: random.int(0, 1439),
      });
    }
  }
  return events;
}
