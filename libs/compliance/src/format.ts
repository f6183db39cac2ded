/** Small wording helpers shared by the rules' messages. */

/** A recorded text (justification, reason, rationale): trimmed, and null when blank. */
export function recorded(text: string | null | undefined): string | null {
  const t = text?.trim();
  return t ? t : null;
}

export function quote(text: string): string {
  return `"${text}"`;
}

/** "1 day", "3 days"; `plural` defaults to word + 's'. */
export function count(n: number, word: string, plural = `${word}s`): string {
  return `${n} ${n === 1 ? word : plural}`;
}

/** "84 days (12 weeks)" when a whole number of weeks, else "85 days". */
export function daysAndWeeks(days: number): string {
  return days % 7 === 0 ? `${count(days, 'day')} (${count(days / 7, 'week')})` : count(days, 'day');
}

/** "12-week (84-day)" when a whole number of weeks, else "85-day", to qualify a noun. */
export function daysAdjective(days: number): string {
  return days % 7 === 0 ? `${days / 7}-week (${days}-day)` : `${days}-day`;
}

/** numerator / denominator as a percentage, rounded half up to `places` ("16.28 %"); exact, in bigint. */
export function percent(numerator: bigint, denominator: bigint, places: number): string {
  const scale = 10n ** BigInt(places);
  const scaled = (numerator * 100n * scale * 2n + denominator) / (2n * denominator);
  const whole = scaled / scale;
  const frac = places > 0 ? `.${(scaled % scale).toString().padStart(places, '0')}` : '';
  return `${whole}${frac} %`;
}

/** "a, b and c" */
export function listInWords(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
