/**
 * How a running timer reads on screen. The seconds tick in the browser from the moment the server
 * says the timer started; what gets recorded (whole minutes, rounded to the firm's increment)
 * is the server's to compute when the timer stops.
 */
import { readDuration } from "../../lib/duration-text";

/** Seconds since `startedAt` (ISO-8601) at `now` (ms since the epoch); never negative. */
export function elapsedSeconds(startedAt: string, now: number): number {
  const started = Date.parse(startedAt);
  if (Number.isNaN(started)) return 0;
  return Math.max(0, Math.floor((now - started) / 1000));
}

/** 3725 seconds → "1:02:05"; under an hour → "2:05" (minutes and seconds). */
export function clockText(seconds: number): string {
  const whole = Math.max(0, Math.trunc(seconds));
  const hours = Math.trunc(whole / 3600);
  const minutes = Math.trunc((whole % 3600) / 60);
  const rest = String(whole % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}

/** 3725 seconds → "1 hour 2 minutes", for screen readers and sentences. */
export function spokenDuration(seconds: number): string {
  const totalMinutes = Math.trunc(Math.max(0, seconds) / 60);
  const hours = Math.trunc(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  const parts = [];
  if (hours > 0) parts.push(`${hours} ${hours === 1 ? "hour" : "hours"}`);
  if (minutes > 0 || hours === 0) parts.push(`${minutes} ${minutes === 1 ? "minute" : "minutes"}`);
  return parts.join(" ");
}

/** Why the server takes a timer as forgotten, in words; null when it is not. */
export function forgottenWords(forgotten: "past_midnight" | "over_limit" | null): string | null {
  if (forgotten === "past_midnight") return "It has run past midnight of the day it started.";
  if (forgotten === "over_limit") return "It has run for more than 10 hours.";
  return null;
}

/**
 * The time really worked, typed when a timer stops: required for a forgotten timer (the server
 * will not guess), otherwise optional (blank: the timer's own minutes, `minutes` undefined).
 */
export function readWorkedTime(text: string, required: boolean): { minutes?: number } | { error: string } {
  if (!required && text.trim() === "") return {};
  const reading = readDuration(text);
  if ("error" in reading) return reading;
  if (reading.minutes === 0) return { error: "Type how long you really worked, like 1:30" };
  return reading;
}
