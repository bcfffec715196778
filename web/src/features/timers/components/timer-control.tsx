/**
 * The timer in the header of every page: the running timer's clock (red when it looks
 * forgotten) or "Timer", opening the timer panel. Only for people who record time.
 */
import { Button, Loader, Popover } from "@mantine/core";
import { forwardRef, Suspense, type ComponentPropsWithoutRef } from "react";
import { lazyPage } from "../../../lib/lazy-page";
import { mayDo, useMe } from "../../../lib/me";
import { useCurrentTimer, type Timer } from "../api/timers";
import { clockText, elapsedSeconds } from "../timer-clock";
import { useNow } from "../use-now";

// The panel's file is fetched when a pointer or the keyboard comes to the button, so it is
// usually in by the click (lib/lazy-page.ts).
const TimerPanel = lazyPage(() => import("./timer-panel"), "TimerPanel");
const fetchPanel = () => void TimerPanel.preload?.();

type ButtonProps = ComponentPropsWithoutRef<"button">;

/** The running timer's button; it ticks every second, so its clock and its name stay true. */
const RunningButton = forwardRef<HTMLButtonElement, ButtonProps & { timer: Timer }>(function RunningButton(
  { timer, ...props },
  ref,
) {
  const seconds = elapsedSeconds(timer.startedAt, useNow(1000));
  const state = timer.forgotten ? "Forgotten timer" : "Timer running";
  return (
    <Button
      ref={ref}
      {...props}
      size="compact-sm"
      color={timer.forgotten ? "red.9" : "teal.9"}
      aria-label={`${state} ${clockText(seconds)}, open the timer`}
    >
      <span className="tabular">{clockText(seconds)}</span>
    </Button>
  );
});

export function TimerControl() {
  const me = useMe();
  const records = me?.staffId != null && mayDo(me, "time_entries", "C");
  const current = useCurrentTimer(records);
  if (!records) return null;
  const timer = current.data ?? null;
  return (
    <Popover position="bottom-end" width={340} trapFocus withinPortal shadow="md">
      <Popover.Target>
        {timer ? (
          <RunningButton timer={timer} onPointerEnter={fetchPanel} onFocus={fetchPanel} />
        ) : (
          <Button
            size="compact-sm"
            variant="default"
            aria-label="Timer: start one"
            onPointerEnter={fetchPanel}
            onFocus={fetchPanel}
          >
            Timer
          </Button>
        )}
      </Popover.Target>
      <Popover.Dropdown>
        <Suspense fallback={<Loader size="sm" aria-label="Loading the timer" />}>
          <TimerPanel inPopover />
        </Suspense>
      </Popover.Dropdown>
    </Popover>
  );
}
