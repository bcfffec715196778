import { describe, expect, it } from "vitest";
import { qrMatrix } from "./qr-code";

const picture = (matrix: boolean[][]) => matrix.map((row) => row.map((dark) => (dark ? "#" : ".")).join(""));

describe("qrMatrix", () => {
  it("encodes a short text as version 1-M, module for module (read back by zbarimg when written)", () => {
    expect(picture(qrMatrix("hello"))).toEqual([
      "#######..##...#######",
      "#.....#.##....#.....#",
      "#.###.#..#.##.#.###.#",
      "#.###.#...##..#.###.#",
      "#.###.#.##..#.#.###.#",
      "#.....#.....#.#.....#",
      "#######.#.#.#.#######",
      "..........###........",
      "#.#.#.#..#.#....#..#.",
      "..#.##....#...#....##",
      ".#.#..#.###.#...#####",
      "##..#.........#....#.",
      ".##.#.##..#.#.#.#....",
      "........####.#.#..###",
      "#######...##.###..###",
      "#.....#...####.##....",
      "#.###.#.#.##.###...##",
      "#.###.#..#....##..##.",
      "#.###.#.###.#...#.#.#",
      "#.....#..#....#.#..#.",
      "#######.###.#.##...##",
    ]);
  });

  it("grows to the smallest version that holds the text: an otpauth URI fits version 8", () => {
    const uri =
      "otpauth://totp/Smith%20%26%20Co:ada%40smith.example?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Smith+%26+Co&algorithm=SHA1&digits=6&period=30";
    expect(qrMatrix(uri)).toHaveLength(8 * 4 + 17);
    // Version 1-M holds 14 bytes, version 2-M 26.
    expect(qrMatrix("x".repeat(14))).toHaveLength(21);
    expect(qrMatrix("x".repeat(15))).toHaveLength(25);
  });

  it("draws the three finder patterns and the timing lines", () => {
    const matrix = qrMatrix("x".repeat(100));
    const size = matrix.length;
    const finder = ["#######", "#.....#", "#.###.#", "#.###.#", "#.###.#", "#.....#", "#######"];
    const at = (x: number, y: number) => picture(matrix.slice(y, y + 7).map((row) => row.slice(x, x + 7)));
    expect(at(0, 0)).toEqual(finder);
    expect(at(size - 7, 0)).toEqual(finder);
    expect(at(0, size - 7)).toEqual(finder);
    for (let i = 8; i < size - 8; i++) {
      expect(matrix[6]![i]).toBe(i % 2 === 0);
      expect(matrix[i]![6]).toBe(i % 2 === 0);
    }
  });
});
