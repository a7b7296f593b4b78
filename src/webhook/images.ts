import { imagesOf } from '../model/image-usage.ts';
import { formatPath } from '../model/path.ts';
import { evaluateWithInventory } from './evaluate.ts';
import type { AdmissionPolicy, ImageOutcome, Verdict } from './evaluate.ts';
import type { AdmissionRequest } from './review.ts';

/**
 * Evaluates a request as {@link evaluateWithInventory} does, then, when the policy has an image
 * policy, judges the image of every init, regular and ephemeral container of the object (a Pod, or
 * the pod template of a workload) with it: each image once, all at once. Its violations deny; its
 * warnings are returned. Never rejects (the judge does not).
 */
export async function evaluateAdmission(
  request: AdmissionRequest,
  policy: AdmissionPolicy,
): Promise<Verdict> {
  const { verdict, inventory } = evaluateWithInventory(request, policy);
  const judge = policy.images;
  if (judge === undefined || inventory === undefined) return verdict;
  const entries = imagesOf(inventory);
  if (entries.length === 0) return verdict;
  const judgements = await Promise.all(entries.map((entry) => judge.judge(entry.image)));
  const imageViolations: ImageOutcome[] = [];
  const imageWarnings: ImageOutcome[] = [];
  entries.forEach((entry, i) => {
    const judgement = judgements[i];
    if (judgement === undefined) return;
    for (const use of entry.uses) {
      const outcome = (reason: ImageOutcome['reason']): ImageOutcome => ({
        container: use.container,
        field: use.field,
        path: formatPath(use.path),
        image: entry.image,
        reason,
      });
      for (const reason of judgement.violations) imageViolations.push(outcome(reason));
      for (const reason of judgement.warnings) imageWarnings.push(outcome(reason));
    }
  });
  return {
    ...verdict,
    allowed: verdict.allowed && imageViolations.length === 0,
    imageViolations,
    imageWarnings,
  };
}
