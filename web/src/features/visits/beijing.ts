/** The Beijing calendar date of an instant, `YYYY-MM-DD` (no date library on the light pages). */
export function beijingToday(at = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
}
