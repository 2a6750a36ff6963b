import { createHash } from 'node:crypto';
import { normalizeText } from './normalize.js';
import { tokenize } from './tokenize.js';

/** Why a question is in the inbox: no answer, a low-confidence one, or an answer that got a 👎. */
export type UnansweredReason = 'none' | 'low' | 'down';

/** One recorded question, as the inbox reads it. */
export interface InboxQuestion {
  text: string;
  channel: string;
  at: number;
  reason: UnansweredReason;
}

/** Questions of one need: the most asked wording as label, every distinct wording, the latest examples. */
export interface Cluster {
  id: string;
  label: string;
  count: number;
  questions: string[];
  examples: InboxQuestion[];
  reasons: Record<UnansweredReason, number>;
}

// Cosine similarity (IDF-weighted terms, the matcher's own) from which a question joins a cluster. Character and
// letter grams are among the terms, so rewordings and typos of one question still land together.
const JOIN_AT = 0.45;
const EXAMPLES = 5;

type Vector = Map<string, number>;

/** Groups questions by lexical similarity, largest cluster first. */
export function clusterQuestions(questions: readonly InboxQuestion[]): Cluster[] {
  // Identical wordings (after normalization) are one group from the start.
  const byText = new Map<string, InboxQuestion[]>();
  for (const q of questions) {
    const key = normalizeText(q.text);
    byText.set(key, [...(byText.get(key) ?? []), q]);
  }
  const groups = [...byText].map(([key, asked]) => ({ terms: new Set(tokenize(key)), asked }));
  const frequency = new Map<string, number>();
  for (const { terms } of groups) for (const t of terms) frequency.set(t, (frequency.get(t) ?? 0) + 1);
  const idf = (t: string) => Math.log(1 + groups.length / (frequency.get(t) ?? 1));

  const clusters: { centroid: Vector; groups: (typeof groups)[number][] }[] = [];
  groups.sort((a, b) => b.asked.length - a.asked.length);
  for (const group of groups) {
    const vector: Vector = new Map([...group.terms].map((t) => [t, idf(t)]));
    let best: (typeof clusters)[number] | undefined;
    let bestScore = JOIN_AT;
    for (const cluster of clusters) {
      const score = cosine(vector, cluster.centroid);
      if (score >= bestScore) [best, bestScore] = [cluster, score];
    }
    if (!best) clusters.push({ centroid: vector, groups: [group] });
    else {
      best.groups.push(group);
      for (const [t, w] of vector) best.centroid.set(t, (best.centroid.get(t) ?? 0) + w);
    }
  }
  return clusters
    .map(({ groups: members }) => summarize(members.map((m) => m.asked)))
    .sort((a, b) => b.count - a.count);
}

function summarize(wordings: InboxQuestion[][]): Cluster {
  const asked = wordings.flat();
  const label = wordings[0]![0]!.text;
  const reasons = { none: 0, low: 0, down: 0 };
  for (const q of asked) reasons[q.reason]++;
  return {
    id: createHash('sha256').update(normalizeText(label)).digest('hex').slice(0, 12),
    label,
    count: asked.length,
    questions: wordings.map((w) => w[0]!.text),
    examples: [...asked].sort((a, b) => b.at - a.at).slice(0, EXAMPLES),
    reasons,
  };
}

function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  for (const [t, w] of a) dot += w * (b.get(t) ?? 0);
  const norm = (v: Vector) => Math.sqrt([...v.values()].reduce((s, w) => s + w * w, 0));
  const denominator = norm(a) * norm(b);
  return denominator === 0 ? 0 : dot / denominator;
}
