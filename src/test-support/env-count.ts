/**
 * A count a test takes from the environment (runs, kills), or undefined when it is unset or not a
 * positive whole number: `.ci/run`'s Node.js 24 pass asks fewer rounds of the slowest random and
 * crash tests, and a developer more of them.
 */
export function countFromEnv(name: string): number | undefined {
  const value = Number(process.env[name]);
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}
