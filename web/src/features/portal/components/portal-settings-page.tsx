/** The firm's portal settings (settings:E): what its emails to clients say, and how often they go. */
import { Button, NumberInput, Radio, Stack, Switch, Text } from "@mantine/core";
import { useEffect, useState } from "react";
import { problemText } from "../../../api/problem";
import { FormAlert } from "../../../components/form-alert";
import { PageTitle } from "../../../components/page-title";
import { usePortalSettings, useSavePortalSettings, type PortalSettings } from "../api/portal-settings";

export function PortalSettingsPage() {
  const settings = usePortalSettings();
  const save = useSavePortalSettings();
  const [draft, setDraft] = useState<PortalSettings | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (settings.data && !draft) setDraft(settings.data);
  }, [settings.data, draft]);
  if (settings.isError) return <FormAlert message={problemText(settings.error)} />;
  if (!draft) return <Text role="status">Loading…</Text>;
  const change = (next: Partial<PortalSettings>) => {
    setSaved(false);
    setDraft({ ...draft, ...next });
  };
  return (
    <Stack maw={640}>
      <PageTitle title="Portal" subtitle="The emails your clients' contacts get from the portal." />
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(draft, { onSuccess: () => setSaved(true) });
        }}
      >
        <Stack>
          <Switch
            label="Detailed notifications"
            description="Emails name the documents and carry the staff member's message. Off: they only say something waits in the portal."
            checked={draft.detailedNotifications}
            onChange={(event) => change({ detailedNotifications: event.currentTarget.checked })}
          />
          <Radio.Group
            label="Notifications about answers, comments and shares"
            value={draft.notificationMode}
            onChange={(value) => change({ notificationMode: value === "digest" ? "digest" : "each" })}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="each" label="One email per event" />
              <Radio
                value="digest"
                label="A digest after a few minutes, leaving out what was already seen in the app"
              />
            </Stack>
          </Radio.Group>
          {draft.notificationMode === "digest" ? (
            <NumberInput
              label="Digest after (minutes)"
              min={1}
              max={1440}
              allowDecimal={false}
              value={draft.digestMinutes}
              onChange={(value) => change({ digestMinutes: typeof value === "number" ? value : 0 })}
              error={save.isError ? problemText(save.error) : undefined}
              w={200}
            />
          ) : null}
          <Text size="xs" c="dark.4">
            Requests and reminders always go at once: the client is waited on.
          </Text>
          {save.isError && draft.notificationMode !== "digest" ? (
            <FormAlert message={problemText(save.error)} />
          ) : null}
          {saved ? (
            <Text size="sm" role="status" c="teal.9">
              Saved.
            </Text>
          ) : null}
          <Button type="submit" loading={save.isPending} style={{ alignSelf: "flex-start" }}>
            Save
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
