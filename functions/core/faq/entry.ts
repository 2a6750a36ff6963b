import * as z from 'zod';

/** Languages the matcher and the canned texts know. */
export const Lang = z.enum(['zh', 'en']);
export type Lang = z.infer<typeof Lang>;

/** An FAQ id: short, stable, URL- and CSV-safe. */
export const FaqId = z
  .string()
  .trim()
  .min(1, 'id is empty')
  .max(128, 'id is longer than 128 characters')
  .regex(/^[\p{L}\p{N}_.:-]+$/u, 'id may hold letters, digits and _ . : - only');

/** One FAQ entry: every phrasing of one question, and its answer. */
export const FaqEntry = z.strictObject({
  id: FaqId,
  questions: z
    .array(
      z.string().trim().min(1, 'a question is empty').max(500, 'a question is longer than 500 characters'),
    )
    .min(1, 'an entry needs at least one question')
    .max(50, 'an entry holds at most 50 questions'),
  answer: z.string().trim().min(1, 'answer is empty').max(4000, 'answer is longer than 4000 characters'),
  lang: Lang.optional(),
  tags: z.array(z.string().trim().min(1).max(64)).max(20).optional(),
});
export type FaqEntry = z.infer<typeof FaqEntry>;
