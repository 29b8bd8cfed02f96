/**
 * @module lib/unsaved
 * The unsaved-changes warning for editors: closing or reloading the tab triggers the browser's
 * own prompt (beforeunload), and in-app navigation (links, back/forward) asks in a dialog.
 *
 * @example
 * // in an editor component
 * $effect(() => guardUnsaved(() => dirty));
 */
import { t } from '../i18n/i18n.svelte.ts';
import { ask } from './dialog.svelte.ts';
import { addLeaveGuard } from './router.svelte.ts';

/** Warn before leaving while `isDirty()`; returns the function that removes the warning. */
export function guardUnsaved(isDirty: () => boolean): () => void {
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!isDirty()) return;
    event.preventDefault();
    event.returnValue = '';
  };
  window.addEventListener('beforeunload', onBeforeUnload);
  const removeGuard = addLeaveGuard(async () => !isDirty() || (await ask({ title: t('unsaved.title'), message: t('unsaved.message'), confirm: t('unsaved.discard'), cancel: t('unsaved.stay'), danger: true })));
  return () => {
    window.removeEventListener('beforeunload', onBeforeUnload);
    removeGuard();
  };
}
