import type { DecisionRecord, Task, TaskKind } from './types';

const OPINION_KINDS: readonly TaskKind[] = ['OPINION', 'EXTERNAL_OPINION', 'APPRAISAL', 'PM_CONSENT'];

/** The latest opinion of each consultee (a supplement round replaces the earlier answer). */
export function latestOpinions(tasks: Task[], decisions: DecisionRecord[]): { task: Task; decision: DecisionRecord }[] {
  const byTask = new Map(tasks.map((t) => [t.id, t]));
  const latest = new Map<string, { task: Task; decision: DecisionRecord }>();
  for (const d of decisions) {
    const task = byTask.get(d.taskId);
    if (!task || !OPINION_KINDS.includes(d.kind)) continue;
    const key = `${d.kind}:${task.candidateAgency.code}:${task.externalBody ?? ''}`;
    const prev = latest.get(key);
    if (!prev || (d.decidedAt ?? '') >= (prev.decision.decidedAt ?? '')) latest.set(key, { task, decision: d });
  }
  return [...latest.values()];
}
