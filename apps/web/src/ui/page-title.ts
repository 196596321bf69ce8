import { createEffect } from 'solid-js';

/** The browser tab says where you are: the page's heading (or the open item's name), then the product. */
export function usePageTitle(title: () => string | undefined | null): void {
  createEffect(() => {
    const text = title()?.trim();
    document.title = text ? `${text} · Switchboard` : 'Switchboard';
  });
}
