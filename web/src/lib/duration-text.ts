/**
 * What a person types in a time cell, read as minutes the way the server reads it (domain rule
 * in src/domain/duration.ts): "90" or "90m" minutes, "1.5h" or "1,5h" hours, "1:30" hours and
 * minutes; a bare number with a decimal point ("1.5") is hours too, as people type in grids.
 * Rounding up to the firm's increment happens on the server; the grid shows its answer.
 * Integer arithmetic only: hours are read as ten-thousandths, never as a float.
 */
export type DurationReading = { minutes: number } | { error: string };

const TOO_LONG = "at most 24:00 in one entry";

export function readDuration(text: string): DurationReading {
  const body = text.trim().toLowerCase().replace(",", ".");
  if (body === "") return { minutes: 0 };
  const clock = /^(\d{1,2}):([0-5]\d)$/.exec(body);
  if (clock) return withinDay(Number(clock[1]) * 60 + Number(clock[2]));
  const hours = /^(\d{1,2})(?:\.(\d{1,4}))?h?$/.exec(body);
  if (hours && (body.endsWith("h") || body.includes("."))) {
    const whole = Number(hours[1]);
    const fraction = (hours[2] ?? "").padEnd(4, "0");
    const tenThousandths = whole * 10_000 + Number(fraction);
    // A part of a minute counts as the next minute, as on the server.
    return withinDay(Math.ceil((tenThousandths * 60) / 10_000));
  }
  const minutes = /^(\d{1,4})m?$/.exec(body);
  if (minutes) return withinDay(Number(minutes[1]));
  return { error: "type hours and minutes like 1:30, hours like 1.5, or minutes like 90" };
}

function withinDay(minutes: number): DurationReading {
  return minutes > 1440 ? { error: TOO_LONG } : { minutes };
}

/** 90 → "1:30"; 0 → "" (an empty cell). */
export const durationText = (minutes: number) =>
  minutes === 0 ? "" : `${Math.trunc(minutes / 60)}:${String(Math.abs(minutes % 60)).padStart(2, "0")}`;
