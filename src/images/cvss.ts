import calculator from 'ae-cvss-calculator';
import { InputError } from '../model/errors.ts';

/**
 * CVSS base scores. Version 3.0 and 3.1 vectors are scored here to FIRST's specification (CVSS v3.1
 * Specification Document §7 "CVSS v3.1 Equations" and Appendix A "Floating Point Rounding"; v3.0
 * rounds up without the floating-point guard); version 4.0 vectors, whose score comes from the
 * specification's lookup of macro vectors, through ae-cvss-calculator's implementation of it.
 */

const V3_WEIGHTS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  PR: { N: 0.85, L: 0.62, H: 0.27 },
  UI: { N: 0.85, R: 0.62 },
  S: { U: 0, C: 1 },
  C: { H: 0.56, L: 0.22, N: 0 },
  I: { H: 0.56, L: 0.22, N: 0 },
  A: { H: 0.56, L: 0.22, N: 0 },
};

/** Temporal and environmental metrics a vector may carry; the base score does not use them. */
const V3_OTHER = new Set([
  'E',
  'RL',
  'RC',
  'CR',
  'IR',
  'AR',
  'MAV',
  'MAC',
  'MPR',
  'MUI',
  'MS',
  'MC',
  'MI',
  'MA',
]);

/** Appendix A: the smallest number, to one decimal, at or above the input, free of float error. */
function roundUp31(value: number): number {
  const integer = Math.round(value * 100000);
  return integer % 10000 === 0 ? integer / 100000 : (Math.floor(integer / 10000) + 1) / 10;
}

function roundUp30(value: number): number {
  return Math.ceil(value * 10) / 10;
}

/** The base score of a `CVSS:3.0/…` or `CVSS:3.1/…` vector; an InputError names a malformed one. */
export function cvss3BaseScore(vector: string): number {
  const [prefix, ...parts] = vector.trim().split('/');
  if (prefix !== 'CVSS:3.1' && prefix !== 'CVSS:3.0')
    throw new InputError(`"${vector}" is not a CVSS 3.x vector`);
  const metrics = new Map<string, string>();
  for (const part of parts) {
    const [key = '', value = '', extra] = part.split(':');
    const weights = V3_WEIGHTS[key];
    const known = weights !== undefined ? Object.hasOwn(weights, value) : V3_OTHER.has(key);
    if (extra !== undefined || !known || metrics.has(key)) {
      throw new InputError(`"${vector}" is not a valid CVSS vector: "${part}"`);
    }
    metrics.set(key, value);
  }
  const weight = (key: string): number => {
    const value = metrics.get(key);
    const table = V3_WEIGHTS[key];
    if (value === undefined || table === undefined)
      throw new InputError(`"${vector}" lacks the base metric ${key}`);
    return table[value] ?? 0;
  };
  const changed = weight('S') === 1;
  const privileges = metrics.get('PR');
  const pr = changed && privileges === 'L' ? 0.68 : changed && privileges === 'H' ? 0.5 : weight('PR');
  const iss = 1 - (1 - weight('C')) * (1 - weight('I')) * (1 - weight('A'));
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  const exploitability = 8.22 * weight('AV') * weight('AC') * pr * weight('UI');
  if (impact <= 0) return 0;
  const roundUp = prefix === 'CVSS:3.1' ? roundUp31 : roundUp30;
  return roundUp(Math.min((changed ? 1.08 : 1) * (impact + exploitability), 10));
}

/** CVSS 4.0 §2 base metrics and their values; every one is mandatory in a vector. */
const V4_BASE: Readonly<Record<string, string>> = {
  AV: 'NALP',
  AC: 'LH',
  AT: 'NP',
  PR: 'NLH',
  UI: 'NPA',
  VC: 'HLN',
  VI: 'HLN',
  VA: 'HLN',
  SC: 'HLN',
  SI: 'HLN',
  SA: 'HLN',
};

/** The base score of a `CVSS:4.0/…` vector; an InputError names a malformed one. */
export function cvss4BaseScore(vector: string): number {
  const [prefix, ...parts] = vector.trim().split('/');
  if (prefix !== 'CVSS:4.0') throw new InputError(`"${vector}" is not a CVSS 4.0 vector`);
  const seen = new Set<string>();
  for (const part of parts) {
    const [key = '', value = ''] = part.split(':');
    const allowed = V4_BASE[key];
    if (
      !/^[A-Z]+:[A-Z]+$/.test(part) ||
      seen.has(key) ||
      (allowed !== undefined && (value.length !== 1 || !allowed.includes(value)))
    ) {
      throw new InputError(`"${vector}" is not a valid CVSS vector: "${part}"`);
    }
    seen.add(key);
  }
  const missing = Object.keys(V4_BASE).filter((key) => !seen.has(key));
  if (missing.length > 0) throw new InputError(`"${vector}" lacks the base metric ${missing.join(', ')}`);
  try {
    const scores = new calculator.Cvss4P0(vector.trim()).calculateScores();
    if (typeof scores.base !== 'number' || Number.isNaN(scores.base)) throw new Error('no base score');
    return scores.base;
  } catch (error) {
    throw new InputError(
      `"${vector}" is not a valid CVSS 4.0 vector (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

/** Qualitative rating of a score (the same bands in CVSS 3.x §5 and 4.0 §6). */
export function cvssRating(score: number): 'critical' | 'high' | 'medium' | 'low' | 'none' {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score >= 0.1) return 'low';
  return 'none';
}
