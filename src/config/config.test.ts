/** The server's settings: each wrong one stops start-up naming the flag or variable it came from. */
import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";

const problem = (flags: Record<string, unknown>, env: Record<string, string> = {}): string => {
  try {
    loadConfig(flags, env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("no problem reported");
};

describe("loadConfig", () => {
  it("names the flag the person used, with the value they gave", () => {
    expect(problem({ host: "999.1.1.1" })).toBe('--host "999.1.1.1": is not an IP address or a host name');
    expect(problem({ port: "abc" })).toBe(
      '--port "abc": must be a whole number from 0 to 65535 (0: any free port)',
    );
    expect(problem({ port: "70000" })).toMatch(/^--port "70000": must be a whole number from 0 to 65535/);
    expect(problem({ publicUrl: "not a url" })).toMatch(/^--public-url "not a url": is not a URL/);
    expect(problem({ logLevel: "loud" })).toMatch(/^--log-level "loud": /);
  });

  it("names the variable when the setting came from the environment", () => {
    expect(problem({}, { FIRMTIME_HOST: "999.1.1.1" })).toBe(
      'FIRMTIME_HOST="999.1.1.1": is not an IP address or a host name',
    );
    expect(problem({}, { FIRMTIME_PORT: "abc" })).toMatch(/^FIRMTIME_PORT="abc": must be a whole number/);
    // A flag given beside the variable is the one in force, and the one named.
    expect(problem({ port: "x" }, { FIRMTIME_PORT: "8080" })).toMatch(/^--port "x": /);
  });

  it("never repeats a database or SMTP URL, which may hold a password", () => {
    expect(problem({ databaseUrl: "mysql://u:secret@db/x" })).toBe("--database: must be a postgres:// URL");
    expect(problem({}, { FIRMTIME_SMTP_URL: "http://u:secret@mail" })).toBe(
      "FIRMTIME_SMTP_URL: must be smtp:// or smtps://",
    );
  });

  it("takes the job runner's poll and lease per process from the environment, naming a wrong one", () => {
    expect(loadConfig({}, {})).toMatchObject({ jobPollMs: 10_000, jobLeaseMs: 300_000 });
    expect(loadConfig({}, { FIRMTIME_JOB_POLL_MS: "250", FIRMTIME_JOB_LEASE_MS: "2000" })).toMatchObject({
      jobPollMs: 250,
      jobLeaseMs: 2_000,
    });
    expect(problem({}, { FIRMTIME_JOB_POLL_MS: "often" })).toBe(
      'FIRMTIME_JOB_POLL_MS="often": must be a whole number of milliseconds from 100 to 3600000 (1 hour)',
    );
    expect(problem({}, { FIRMTIME_JOB_POLL_MS: "10" })).toMatch(/^FIRMTIME_JOB_POLL_MS="10": must be/);
    expect(problem({}, { FIRMTIME_JOB_LEASE_MS: "1.5" })).toBe(
      'FIRMTIME_JOB_LEASE_MS="1.5": must be a whole number of milliseconds from 1000 to 86400000 (1 day)',
    );
    expect(problem({}, { FIRMTIME_JOB_LEASE_MS: "999" })).toMatch(/^FIRMTIME_JOB_LEASE_MS="999": must be/);
  });

  it("checks the upload limit and the S3 settings, naming each, never repeating a key", () => {
    expect(loadConfig({}, {}).uploadLimitBytes).toBe(10_485_760);
    expect(loadConfig({ uploadLimitBytes: "2048" }, {}).uploadLimitBytes).toBe(2048);
    expect(problem({ uploadLimitBytes: "10MB" })).toMatch(
      /^--upload-limit "10MB": must be a whole number of bytes/,
    );
    expect(problem({}, { FIRMTIME_UPLOAD_LIMIT: "12" })).toMatch(/^FIRMTIME_UPLOAD_LIMIT="12": /);
    expect(problem({ s3Bucket: "Bad_Bucket" })).toMatch(/^--s3-bucket "Bad_Bucket": is not a bucket name/);
    expect(problem({ s3Bucket: "receipts", s3Endpoint: "ftp://x" })).toMatch(
      /^--s3-endpoint "ftp:\/\/x": is not an http:\/\/ or https:\/\/ URL/,
    );
    expect(problem({ s3Endpoint: "http://127.0.0.1:9000" })).toMatch(
      /^--s3-endpoint "http:\/\/127.0.0.1:9000": is set but no bucket is/,
    );
    expect(problem({ s3Bucket: "receipts" }, { FIRMTIME_S3_SECRET_ACCESS_KEY: "s3cr3t" })).toBe(
      "FIRMTIME_S3_SECRET_ACCESS_KEY: needs its pair: set both FIRMTIME_S3_ACCESS_KEY_ID and FIRMTIME_S3_SECRET_ACCESS_KEY, or neither",
    );
    const s3 = loadConfig(
      { s3Bucket: "receipts", s3Endpoint: "https://s3.example.net" },
      { FIRMTIME_S3_ACCESS_KEY_ID: "id", FIRMTIME_S3_SECRET_ACCESS_KEY: "secret" },
    );
    expect(s3).toMatchObject({ s3Bucket: "receipts", s3Region: "us-east-1", s3AccessKeyId: "id" });
  });

  it("takes IP addresses and host names, and builds the default public URL from them", () => {
    for (const host of ["127.0.0.1", "0.0.0.0", "::", "::1", "localhost", "time.smith-cpas.example"])
      expect(loadConfig({ host }, {}).host).toBe(host);
    for (const host of ["", "1.2.3", "256.0.0.1", "a b", "-bad.example", "under_score"])
      expect(problem({ host })).toMatch(/is not an IP address or a host name$/);
    expect(loadConfig({ host: "::1", port: "9000" }, {}).publicUrl).toBe("http://[::1]:9000");
    expect(loadConfig({ port: " 9000 " }, {}).publicUrl).toBe("http://127.0.0.1:9000");
    expect(loadConfig({ publicUrl: "https://time.example" }, {}).publicUrl).toBe("https://time.example");
  });
});
