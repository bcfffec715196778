/**
 * Pages downloaded when first needed, and downloaded before they render.
 *
 * A React.lazy() page suspends while it renders: its Suspense fallback shows, and React then holds
 * the page back until 300 ms after that fallback appeared (its fallback throttle), on every first
 * visit. In Chromium's traces that was 200–300 ms of an idle browser for each lazy part of a page,
 * two or three of them on a page opened from its address. The router instead waits for a route
 * component's `preload()` before it renders the route, and starts it when a link is hovered or
 * touched (defaultPreload "intent"), so a page given by lazyPage() shows as soon as it is in.
 * lazyRouteComponent also reloads the document once when a page's file has gone (a newer
 * release replaced it), instead of failing.
 */
import { lazyRouteComponent, type AsyncRouteComponent } from "@tanstack/react-router";
import type { ReactNode } from "react";

/** A page's component from its own file: `lazyPage(() => import("./x-page"), "XPage")`. */
export const lazyPage = lazyRouteComponent;

/** Downloads what `parts` still need (nothing once each is in). */
export async function preload(parts: readonly AsyncRouteComponent<never>[]): Promise<void> {
  await Promise.all(parts.map((part) => part.preload?.() ?? Promise.resolve()));
}

/**
 * A route's component that renders lazy pages or parts (with props from the address, say): the
 * router preloads them as it would the route's own lazy page.
 */
export function rendering<P>(
  component: (props: P) => ReactNode,
  parts: () => readonly AsyncRouteComponent<never>[],
): AsyncRouteComponent<P> {
  return Object.assign(component, { preload: () => preload(parts()) });
}
