import { matchRules } from '../score/score.ts';
import type { ScoreRule } from './evaluate.ts';

/**
 * The kubesec minimum-score rule (as controlplaneio/kubesec-webhook `--min-score`): an object whose
 * kubesec score is below `minimum` is denied. Kinds kubesec does not score are not judged by it.
 */
export function kubesecScoreRule(minimum: number): ScoreRule {
  return {
    minimum,
    score: (object) => {
      const scored = matchRules(object);
      return scored.supported ? scored.score : undefined;
    },
  };
}
