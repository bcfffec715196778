/** The timer on the home page: the same panel as the header's, in a card of its own. */
import { Card, Title } from "@mantine/core";
import { TimerPanel } from "./timer-panel";

export function TimerCard() {
  return (
    <Card withBorder component="section" aria-labelledby="timer-card-title">
      <Title order={2} size="h4" id="timer-card-title" mb="sm">
        Timer
      </Title>
      <TimerPanel />
    </Card>
  );
}
