import type { FieldPath } from '../../model/path.ts';
import { getAt } from '../../model/path.ts';
import type { ScoreInput, ScoreRule } from '../rule.ts';

/** kubesec HEAD BindingsToSystemAnonymous: a subject's name contains `system:anonymous` (substring). */
export const bindingsToSystemAnonymous: ScoreRule = {
  id: 'BindingsToSystemAnonymous',
  selector: '.subjects[] .name == "system:anonymous"',
  reason:
    'Binding a Role or a ClusterRole to user system:anonymous gives any unauthenticated user the permissions granted by that role',
  points: -30,
  kinds: ['RoleBinding', 'ClusterRoleBinding'],
  match: (input: ScoreInput): readonly FieldPath[] => {
    const subjects = input.object.subjects;
    if (!Array.isArray(subjects)) return [];
    const paths: FieldPath[] = [];
    subjects.forEach((subject: unknown, index) => {
      const name = getAt(subject, ['name']);
      if (typeof name === 'string' && name.includes('system:anonymous'))
        paths.push(['subjects', index, 'name']);
    });
    return paths;
  },
};
