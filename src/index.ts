/** The kubeward library API. */
export type {
  Check,
  CheckContext,
  CheckMeta,
  InventoryCheck,
  ResourceCheck,
  Violation,
  WorkloadCheck,
} from './model/check.ts';
export { CHECKS } from './checks/registry.ts';
export { runChecks } from './checks/run.ts';
export type { RunOptions } from './checks/run.ts';
export { load, loadSources } from './load/load.ts';
export { buildInventory } from './model/inventory.ts';
export type { Inventory } from './model/inventory.ts';
export type { Finding, ObjectRef } from './model/finding.ts';
export type { Resource } from './model/resource.ts';
export type { Workload } from './model/workload.ts';
export { containersOf } from './model/containers.ts';
export { KubewardError } from './model/errors.ts';
export * from './pss/index.ts';
export {
  checkMinimumScore,
  kubesecReport,
  ruleIds,
  SCORE_RULE_IDS,
  scoreObject,
  validateObject,
} from './score/index.ts';
export type { KubesecReport, MinimumScoreVerdict, ObjectScore, ScoreProfile } from './score/index.ts';
export { attackPaths } from './rbac/attack-paths.ts';
export { authorize } from './rbac/authorize.ts';
export { buildRbacModel } from './rbac/model.ts';
export { parseRequest } from './rbac/resources.ts';
export { identityOf } from './rbac/subject.ts';
export { whoCan } from './rbac/who-can.ts';
export { startWebhookServer } from './webhook/server.ts';
export type { WebhookServer, WebhookServerOptions } from './webhook/server.ts';
export { runPolicies } from './scan/policies.ts';
export type { PolicyTest, TestContext } from './policy/module/context.ts';
export type { TestResult } from './policy/result.ts';
export { FRAMEWORK_IDS } from './model/frameworks/framework.ts';
export type { Framework, FrameworkControl, FrameworkId } from './model/frameworks/framework.ts';
export { FRAMEWORK_CATALOGUES } from './model/frameworks/index.ts';
export { frameworkScorecard } from './report/framework.ts';
export type { ControlStatus, ControlSummary, FrameworkScorecard } from './report/framework.ts';
export { compareVersions, versionScheme } from './images/versions/index.ts';
export type { VersionScheme } from './images/versions/index.ts';
export { rulesFor } from './images/policy/policy.ts';
export type {
  FailurePolicy,
  ImagePolicy,
  ImagePolicyRule,
  SignatureCheck,
  SignatureVerifier,
} from './images/policy/policy.ts';
export { digestReasons, imageVerdict, pinningReasons } from './images/policy/verdict.ts';
export type { DigestEvidence, ImageReason, ImageVerdict } from './images/policy/verdict.ts';
export { imageJudge } from './registry/image-judge.ts';
export type { ImageJudge, ImageJudgeOptions, ImageJudgement } from './registry/image-judge.ts';
export { RegistryClient } from './registry/client.ts';
export type { RegistryOptions } from './registry/client.ts';
export { verifyImageSignatures } from './registry/verify-images.ts';
export { verifyFoundSignatures, requirementErrors } from './images/signatures/verify.ts';
export type {
  CertificateIdentity,
  FoundSignatures,
  SignatureRequirement,
  SignatureVerdict,
  Signer,
} from './model/image-signature.ts';
