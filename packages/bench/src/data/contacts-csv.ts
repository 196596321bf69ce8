import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { seededRandom } from '@switchboard/contacts';

const FIRST = [
  'Anna',
  'Ben',
  'Chen',
  'Dana',
  'Emil',
  'Fang',
  'Greta',
  'Hiro',
  'Ines',
  'Jonas',
  'Li',
  'Mia',
  'Noah',
  'Olga',
];
const LAST = [
  'Wang',
  'Müller',
  'Smith',
  'Zhang',
  'Garcia',
  'Schmidt',
  'Li',
  'Rossi',
  'Kim',
  'Novak',
  'Dubois',
  'Silva',
];
const CITIES = [
  'Berlin',
  'Shanghai',
  'London',
  'Paris',
  'Shenzhen',
  'Munich',
  'Madrid',
  '"Washington, D.C."',
];
const PLANS = ['free', 'starter', 'pro', 'enterprise'];

const COMPANIES = [
  'Acme GmbH',
  'Globex Ltd',
  'Initech',
  'Umbrella 株式会社',
  'Hooli',
  'Stark Industries',
  '"Wayne, Inc."',
];
const TAGS = ['vip', 'webinar', 'trial', 'newsletter', 'partner'];

export interface GeneratedCsv {
  rows: number;
  /** Rows the import must refuse (an invalid email), exactly: 1 %. */
  invalid: number;
  /** Rows repeating an earlier row's person, which the import must merge: 5 %. */
  duplicates: number;
}

/**
 * A deterministic 10-column contacts CSV like a CRM export (BENCHMARKS.md: 5 % duplicates, 1 % invalid): every
 * 100th row has a broken email, and rows numbered 20k+10 repeat the person seven rows earlier, so the import's counts
 * can be checked exactly. Half the people have a phone number.
 */
export async function writeContactsCsv(path: string, rows: number, seed = 42): Promise<GeneratedCsv> {
  const random = seededRandom(seed);
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('email,phone,first_name,last_name,company,city,plan,seats,signed_up,tags\n');
  let invalid = 0;
  let duplicates = 0;
  let chunk = '';
  for (let n = 1; n <= rows; n++) {
    let person = n;
    let email = `person${person}@example.com`;
    if (n % 100 === 0) {
      email = `broken-${n}`;
      invalid++;
    } else if (n % 20 === 10) {
      // Row n-7 is never itself broken or a repeat (n % 100 is 10, 30, 50, 70 or 90).
      person = n - 7;
      email = `person${person}@example.com`;
      duplicates++;
    }
    const phone = person % 2 === 0 ? `+49151${String(10_000_000 + person).slice(-8)}` : '';
    const day = String(1 + (person % 28)).padStart(2, '0');
    chunk += `${email},${phone},${random.pick(FIRST)},${random.pick(LAST)},${random.pick(COMPANIES)},${random.pick(CITIES)},${random.pick(PLANS)},${random.int(1, 500)},2025-06-${day},${random.pick(TAGS)}\n`;
    if (chunk.length > 64 * 1024) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  out.end();
  await once(out, 'finish');
  return { rows, invalid, duplicates };
}
