/**
 * The time tests run checks at, so certificate expiry reads the same every day: the certificate
 * fixtures under testdata/checks are dated around it.
 */
export const TEST_NOW: Date = new Date('2027-01-01T00:00:00Z');
