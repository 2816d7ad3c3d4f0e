/**
 * A routing route in which one agency both reviews (gives the OPINION, or the APPRAISAL) and decides, so that one
 * person is a candidate for two review stages of the same proposal: the only way to reach the person-level
 * four-eyes rule (one person decides at most one review stage) at DECISION, since the default policy never asks the
 * deciding agency for an opinion or an appraisal. Used by the engine, workflow and HTTP tests alike.
 */
import type { Condition, PolicyRoute, RoutingPolicy } from '@accord/domain';

export type FourEyesReview = 'OPINION' | 'APPRAISAL';

/**
 * The policy's provincial-agreement route with `review` given by the agency that decides: for OPINION the
 * consultation is that agency's opinion alone, for APPRAISAL the appraisal is theirs (the consultation stays
 * one SNGV opinion, to keep the path short). `when` says which proposals take the route.
 */
export function deciderAlsoReviews(
  policy: Pick<RoutingPolicy, 'routes'>,
  review: FourEyesReview,
  when: Condition,
  name: string,
): PolicyRoute {
  const base = policy.routes.find((r) => r.name === 'Provincial international agreement');
  if (!base) throw new Error('the policy has no "Provincial international agreement" route');
  const route = JSON.parse(JSON.stringify(base)) as PolicyRoute;
  const decider = route.stages.find((s) => s.stage === 'DECISION')!.tasks[0]!.candidateAgency;
  const consultation = route.stages.find((s) => s.stage === 'CONSULTATION')!;
  const appraisal = route.stages.find((s) => s.stage === 'APPRAISAL')!;
  const opinion = { ...consultation.tasks.find((t) => t.kind === 'OPINION')! };
  delete opinion.when;
  consultation.tasks = [review === 'OPINION' ? { ...opinion, candidateAgency: decider } : opinion];
  if (review === 'APPRAISAL') appraisal.tasks = [{ ...appraisal.tasks[0]!, candidateAgency: decider }];
  return { ...route, name, when };
}
