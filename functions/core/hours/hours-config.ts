import { DateTime, IANAZone } from 'luxon';
import * as z from 'zod';

/** Weekday keys of `weekly`, Monday first like luxon's `weekday` (1 = Monday). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** A key of `weekly`. */
export type Weekday = (typeof WEEKDAYS)[number];

const MINUTES_PER_DAY = 24 * 60;
/** Longer holiday ranges are almost always a mistyped year, which would silently close the desk for years. */
const MAX_HOLIDAY_DAYS = 366;

const show = (value: unknown) => JSON.stringify(value) ?? String(value);
const formatPath = (path: PropertyKey[]) =>
  path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  ) || '(top level)';

/** An object that rejects unknown keys and names the ones it accepts, so a typo like "mom" stands out. */
const strict = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown key ${issue.keys.map(show).join(', ')}; expected ${Object.keys(shape).join(', ')}`
        : undefined,
  });

/** The message for a value that is missing or is not `what`, quoting the value so ops can find it. */
const isNot =
  (what: string) =>
  ({ input }: { input?: unknown }) =>
    input === undefined ? 'is required' : `${show(input)} is not ${what}`;

const notTime = isNot('a time (HH:MM)');
const Time = z.string({ error: notTime }).regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: notTime });

const notDate = isNot('a date (YYYY-MM-DD)');
const LocalDate = z
  .string({ error: notDate })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: notDate })
  .refine((text) => DateTime.fromISO(text, { zone: 'utc' }).isValid, { error: notDate });

const Interval = z
  .tuple([Time, Time], { error: isNot('an interval ["HH:MM", "HH:MM"]') })
  .refine(([start]) => start !== '24:00', { error: '"24:00" can only end an interval', path: [0] });
/** A staffed interval in local wall time, `[start, end)`; an end at or before the start is the next day. */
export type Interval = z.infer<typeof Interval>;

/** Minutes after midnight at which `interval` starts and ends; an overnight end counts past 1440. */
export function intervalMinutes([start, end]: Interval): [number, number] {
  const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
  const [from, to] = [minutes(start), minutes(end)];
  return [from, to <= from ? to + MINUTES_PER_DAY : to];
}

type Span = { label: string; start: number; end: number };
type Ctx = z.RefinementCtx;

/** Adds an issue at `path(span)` for every span that starts before an earlier-starting one has ended. */
function reportOverlaps<S extends Span>(spans: S[], ctx: Ctx, path: (span: S) => PropertyKey[]): void {
  let furthest: S | undefined;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (furthest && span.start < furthest.end) {
      ctx.addIssue({ code: 'custom', path: path(span), message: `${span.label} overlaps ${furthest.label}` });
    }
    if (!furthest || span.end > furthest.end) furthest = span;
  }
}

const spansOf = (hours: Interval[]) =>
  hours.map((interval, index) => {
    const [start, end] = intervalMinutes(interval);
    return { index, start, end, label: show(interval) };
  });

const Hours = z
  .array(Interval)
  .superRefine((hours, ctx) => reportOverlaps(spansOf(hours), ctx, (span) => [span.index]));
const Day = Hours.optional();

/** Overnight intervals reach into the next weekday, so each day is also checked against the previous one. */
function checkMidnightSpill(weekly: Partial<Record<Weekday, Interval[]>>, ctx: Ctx): void {
  WEEKDAYS.forEach((day, i) => {
    const before = WEEKDAYS[(i + 6) % 7] as Weekday;
    const tails = spansOf(weekly[before] ?? [])
      .filter((span) => span.end > MINUTES_PER_DAY)
      .map((span) => ({
        ...span,
        day: before,
        start: 0,
        end: span.end - MINUTES_PER_DAY,
        label: `${span.label} (${before}, past midnight)`,
      }));
    const own = spansOf(weekly[day] ?? []).map((span) => ({ ...span, day }));
    reportOverlaps([...tails, ...own], ctx, (span) => [span.day, span.index]);
  });
}

/** A "YYYY-MM-DD" shorthand or its long form. */
const dateOr = <T extends z.ZodType>(long: T, expected: string) =>
  z.union([LocalDate, long], { error: isNot(expected) });

const Holiday = dateOr(
  strict({ from: LocalDate, to: LocalDate.optional(), name: z.string().optional() }),
  'a holiday: write "YYYY-MM-DD" or {"from", "to", "name"}',
);
const Workday = dateOr(
  strict({ date: LocalDate, hours: Hours.optional(), name: z.string().optional() }),
  'a workday: write "YYYY-MM-DD" or {"date", "hours", "name"}',
);

const HoursFile = strict({
  timeZone: z.string().refine((zone) => IANAZone.isValidZone(zone), {
    error: isNot('an IANA time zone (e.g. "Asia/Shanghai")'),
  }),
  weekly: strict({ mon: Day, tue: Day, wed: Day, thu: Day, fri: Day, sat: Day, sun: Day }).superRefine(
    checkMidnightSpill,
  ),
  holidays: z.array(Holiday).default([]),
  workdays: z.array(Workday).default([]),
  workdayHours: Hours.optional(),
  showTimeZone: z.boolean().default(false),
  note: z.string().optional(),
});

/** The date rules that span entries: holiday ranges, duplicate or hourless workdays, holiday clashes. */
function checkDates({ holidays, workdays }: z.infer<typeof Normalized>, ctx: Ctx): void {
  holidays.forEach(({ from, to }, i) => {
    const day = (date: string) => DateTime.fromISO(date, { zone: 'utc' });
    const days = day(to).diff(day(from), 'days').days + 1;
    if (days < 1)
      ctx.addIssue({ code: 'custom', path: ['holidays', i], message: `"to" ${to} is before "from" ${from}` });
    if (days > MAX_HOLIDAY_DAYS) {
      const message = `spans ${days} days (${from} to ${to}); check the year (at most ${MAX_HOLIDAY_DAYS})`;
      ctx.addIssue({ code: 'custom', path: ['holidays', i], message });
    }
  });
  workdays.forEach(({ date, hours }, i) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', path: ['workdays', i], message });
    if (hours.length === 0) issue(`${date} has no hours: give it "hours" or set a top-level "workdayHours"`);
    const first = workdays.findIndex((other) => other.date === date);
    if (first < i) issue(`${date} is listed twice (also workdays[${first}])`);
    const holiday = holidays.findIndex(({ from, to }) => from <= date && date <= to);
    if (holiday >= 0) issue(`${date} is also a holiday (holidays[${holiday}]); a date can't be both`);
  });
}

/** The file with shorthands expanded: every holiday is a range, every make-up workday has its hours. */
const Normalized = HoursFile.transform(({ holidays, workdays, ...rest }) => ({
  ...rest,
  holidays: holidays.map((day) =>
    typeof day === 'string' ? { from: day, to: day } : { ...day, to: day.to ?? day.from },
  ),
  workdays: workdays.map((day) =>
    typeof day === 'string'
      ? { date: day, hours: rest.workdayHours ?? [] }
      : { ...day, hours: day.hours ?? rest.workdayHours ?? [] },
  ),
}));

/** The hours file, validated and normalized. */
export const HoursConfig = Normalized.superRefine(checkDates);
/** Staffed hours: weekly schedule, holidays and make-up workdays in one IANA time zone. */
export type HoursConfig = z.infer<typeof HoursConfig>;

/** The hours file is invalid; `problems` holds one "path: what is wrong" line per problem. */
export class HoursConfigError extends Error {
  override name = 'HoursConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid hours file:\n  ${problems.join('\n  ')}`);
  }
}

/** Messages for issues the schemas above leave generic: missing fields and wrong JSON types. */
const fallbackMessage = (issue: z.core.$ZodRawIssue) =>
  issue.code === 'invalid_type'
    ? issue.input === undefined
      ? 'is required'
      : `expected ${issue.expected}, got ${show(issue.input)}`
    : undefined;

/**
 * zod gives up on a union with one vague issue when a branch fails on a wrong type deep inside (say
 * `hours: "x"` in a workday object); that branch's own issues say what is actually wrong.
 */
function unwrapUnion(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union') return [issue];
  const deep = issue.errors.find((branch) => branch.every((inner) => inner.path.length > 0));
  return deep ? deep.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] })) : [issue];
}

/** Validates a parsed hours file; throws HoursConfigError listing every problem with its path. */
export function parseHoursConfig(json: unknown): HoursConfig {
  const result = HoursConfig.safeParse(json, { error: fallbackMessage });
  if (result.success) return result.data;
  const lines = result.error.issues
    .flatMap(unwrapUnion)
    .map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  throw new HoursConfigError([...new Set(lines)]);
}
