const DIGITS = '零一二三四五六七八九';
const PLACES = ['', '十', '百', '千'];

/** 0..9999 in spoken Mandarin: 200 → 两百, 180 → 一百八十, 12 → 十二, 105 → 一百零五. */
function belowTenThousand(n: number, leading: boolean): string {
  const digits = String(n).padStart(4, '0').split('').map(Number);
  let text = '';
  let zeroPending = false;
  digits.forEach((digit, index) => {
    const place = 3 - index;
    if (digit === 0) {
      if (text) zeroPending = true;
      return;
    }
    if (zeroPending) text += '零';
    zeroPending = false;
    const first = text === '';
    if (digit === 1 && place === 1 && first && leading) text += '十';
    else if (digit === 2 && place >= 2 && first) text += `两${PLACES[place]}`;
    else text += DIGITS[digit] + PLACES[place];
  });
  return text;
}

/** A wage or a headcount as a Mandarin voice would read it aloud, e.g. 200 → 两百, 3 → 三, 25.5 → 二十五点五. */
export function spokenNumber(value: number): string {
  if (!Number.isFinite(value) || value < 0) return String(value);
  const [whole, fraction] = String(Math.round(value * 100) / 100).split('.');
  const n = Number(whole);
  let text: string;
  if (n === 0) text = '零';
  else if (n >= 1e8) text = whole;
  else if (n >= 1e4) {
    const low = n % 1e4;
    text = `${belowTenThousand(Math.floor(n / 1e4), true)}万`;
    if (low) text += (low < 1000 ? '零' : '') + belowTenThousand(low, false);
  } else text = belowTenThousand(n, true);
  if (fraction) text += `点${fraction.split('').map((d) => DIGITS[Number(d)]).join('')}`;
  return text;
}

/** A count of people: 2 → 两 ("还需两人"), otherwise as spokenNumber. */
export const spokenCount = (n: number): string => (n === 2 ? '两' : spokenNumber(n));
