import type { Framework } from './framework.ts';

/**
 * The techniques of the MITRE ATT&CK Containers matrix (attack.mitre.org/matrices/enterprise/containers,
 * ATT&CK v16 and later, which added T1098.006) that a misconfiguration found by a scan enables or
 * leaves open. Ids and names are MITRE's; a sub-technique is named `Technique: Sub-technique` as
 * ATT&CK writes it. The group is the first tactic the matrix lists the technique under.
 */
export const MITRE_ATTACK_CONTAINERS: Framework = {
  id: 'mitre',
  title: 'MITRE ATT&CK Containers matrix',
  source: 'MITRE ATT&CK Enterprise, Containers platform (attack.mitre.org/matrices/enterprise/containers)',
  controls: [
    { id: 'T1190', title: 'Exploit Public-Facing Application', group: 'Initial Access' },
    { id: 'T1133', title: 'External Remote Services', group: 'Initial Access' },
    { id: 'T1078', title: 'Valid Accounts', group: 'Initial Access' },
    { id: 'T1078.001', title: 'Valid Accounts: Default Accounts', group: 'Initial Access' },
    { id: 'T1609', title: 'Container Administration Command', group: 'Execution' },
    { id: 'T1610', title: 'Deploy Container', group: 'Execution' },
    { id: 'T1053.007', title: 'Scheduled Task/Job: Container Orchestration Job', group: 'Execution' },
    { id: 'T1204.003', title: 'User Execution: Malicious Image', group: 'Execution' },
    {
      id: 'T1098.006',
      title: 'Account Manipulation: Additional Container Cluster Roles',
      group: 'Persistence',
    },
    { id: 'T1525', title: 'Implant Internal Image', group: 'Persistence' },
    { id: 'T1543.005', title: 'Create or Modify System Process: Container Service', group: 'Persistence' },
    { id: 'T1068', title: 'Exploitation for Privilege Escalation', group: 'Privilege Escalation' },
    { id: 'T1611', title: 'Escape to Host', group: 'Privilege Escalation' },
    { id: 'T1562.001', title: 'Impair Defenses: Disable or Modify Tools', group: 'Defense Evasion' },
    {
      id: 'T1550.001',
      title: 'Use Alternate Authentication Material: Application Access Token',
      group: 'Defense Evasion',
    },
    { id: 'T1110', title: 'Brute Force', group: 'Credential Access' },
    { id: 'T1528', title: 'Steal Application Access Token', group: 'Credential Access' },
    { id: 'T1552.001', title: 'Unsecured Credentials: Credentials In Files', group: 'Credential Access' },
    { id: 'T1552.007', title: 'Unsecured Credentials: Container API', group: 'Credential Access' },
    { id: 'T1046', title: 'Network Service Discovery', group: 'Discovery' },
    { id: 'T1069', title: 'Permission Groups Discovery', group: 'Discovery' },
    { id: 'T1613', title: 'Container and Resource Discovery', group: 'Discovery' },
    { id: 'T1485', title: 'Data Destruction', group: 'Impact' },
    { id: 'T1496', title: 'Resource Hijacking', group: 'Impact' },
    { id: 'T1498', title: 'Network Denial of Service', group: 'Impact' },
    { id: 'T1499', title: 'Endpoint Denial of Service', group: 'Impact' },
  ],
};
