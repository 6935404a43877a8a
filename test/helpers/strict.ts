/**
 * Tests that need something of the machine (a real apt, a database, a browser) skip when it is
 * absent on a developer's machine, but run, and fail, under `.ci/run`, which sets HYGIENE_TEST_STRICT.
 */
export function skipUnlessStrict(missing: boolean): boolean {
  return missing && !process.env.HYGIENE_TEST_STRICT
}
