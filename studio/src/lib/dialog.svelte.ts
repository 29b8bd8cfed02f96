/**
 * @module lib/dialog
 * One modal confirmation at a time, asked from anywhere and answered by `ConfirmDialog.svelte`
 * (mounted once in the app shell).
 * @example if (await ask({ message: t('unsaved.message'), confirm: t('unsaved.discard'), danger: true })) …
 */
export interface AskOptions {
  title?: string;
  message: string;
  confirm: string;
  cancel?: string;
  danger?: boolean;
}

class DialogState {
  current = $state<(AskOptions & { resolve: (ok: boolean) => void }) | null>(null);
}

export const dialog = new DialogState();

/** Show the confirmation; resolves true when confirmed. A second question replaces (and declines) the first. */
export function ask(options: AskOptions): Promise<boolean> {
  dialog.current?.resolve(false);
  return new Promise((resolve) => {
    dialog.current = {
      ...options,
      resolve: (ok) => {
        dialog.current = null;
        resolve(ok);
      },
    };
  });
}
