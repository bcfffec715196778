import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, timeStep, totpCode } from "./totp.js";

/** RFC 6238 appendix B and RFC 4226 appendix D use this SHA-1 key. */
const RFC_KEY = Buffer.from("12345678901234567890", "ascii");
const RFC_SECRET = base32Encode(RFC_KEY);

describe("TOTP (RFC 6238)", () => {
  it("computes RFC 4226's HOTP test values", () => {
    const expected = [
      "755224",
      "287082",
      "359152",
      "969429",
      "338314",
      "254676",
      "287922",
      "162583",
      "399871",
      "520489",
    ];
    expect(expected.map((_, counter) => hotp(RFC_KEY, counter))).toEqual(expected);
  });

  it.each([
    [59, "94287082"],
    [1111111109, "07081804"],
    [1111111111, "14050471"],
    [1234567890, "89005924"],
    [2000000000, "69279037"],
    [20000000000, "65353130"],
  ])("computes RFC 6238's SHA-1 test vector at %i s", (seconds, code) => {
    expect(totpCode(RFC_SECRET, seconds * 1000, 8)).toBe(code);
    // Six digits are the last six of the same value.
    expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(code.slice(2));
  });

  it("round-trips base32 and refuses what is not base32", () => {
    expect(RFC_SECRET).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(base32Decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")).toEqual(RFC_KEY);
    expect(base32Encode(Buffer.from("f"))).toBe("MY");
    expect(base32Decode("MY======")).toEqual(Buffer.from("f"));
    expect(base32Decode("not-base32!")).toBeUndefined();
  });

  it("accepts a code one step early or late, not two, and only after the last step used", () => {
    const at = 1_750_000_000_000;
    const step = timeStep(at);
    const codeAt = (offset: number) => totpCode(RFC_SECRET, at + offset * 30_000);
    expect(matchTotp(RFC_SECRET, codeAt(0), at)).toBe(step);
    expect(matchTotp(RFC_SECRET, codeAt(-1), at)).toBe(step - 1);
    expect(matchTotp(RFC_SECRET, codeAt(1), at)).toBe(step + 1);
    expect(matchTotp(RFC_SECRET, codeAt(-2), at)).toBeUndefined();
    expect(matchTotp(RFC_SECRET, codeAt(2), at)).toBeUndefined();
    // Replay: once step was accepted, its code (and older ones) are refused.
    expect(matchTotp(RFC_SECRET, codeAt(0), at, step)).toBeUndefined();
    expect(matchTotp(RFC_SECRET, codeAt(-1), at, step)).toBeUndefined();
    expect(matchTotp(RFC_SECRET, codeAt(1), at, step)).toBe(step + 1);
  });

  it("refuses codes of the wrong shape", () => {
    const at = 1_750_000_000_000;
    const code = totpCode(RFC_SECRET, at);
    expect(matchTotp(RFC_SECRET, ` ${code.slice(0, 3)} ${code.slice(3)} `, at)).toBe(timeStep(at));
    expect(matchTotp(RFC_SECRET, code.slice(1), at)).toBeUndefined();
    expect(matchTotp(RFC_SECRET, `${code}0`, at)).toBeUndefined();
    expect(matchTotp(RFC_SECRET, "abcdef", at)).toBeUndefined();
  });

  it("writes the otpauth URI authenticator apps read", () => {
    expect(
      otpauthUri({ issuer: "Smith & Co", account: "ada@smith.example", secret: "JBSWY3DPEHPK3PXP" }),
    ).toBe(
      "otpauth://totp/Smith%20%26%20Co:ada%40smith.example?secret=JBSWY3DPEHPK3PXP&issuer=Smith+%26+Co&algorithm=SHA1&digits=6&period=30",
    );
  });
});
