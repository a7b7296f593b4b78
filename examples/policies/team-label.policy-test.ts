// The guide's kubetest example, written as a kubeward test module:
//   def test_for_team_label():
//       if spec["kind"] == "Deployment":
//           labels = spec["spec"]["template"]["metadata"]["labels"]
//           assert_contains(labels, "team", "should indicate which team owns the deployment")
import type { TestContext } from '../../src/policy/module/context.ts';

export const kinds = ['Deployment'];

export function testForTeamLabel({ get, assertContains }: TestContext): void {
  assertContains(
    get('spec', 'template', 'metadata', 'labels'),
    'team',
    'should indicate which team owns the deployment',
  );
}
