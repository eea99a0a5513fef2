"use client";
// <input type="datetime-local"> speaks the browser's local time without an offset; the API takes
// ISO 8601 with one. The conversion happens in the browser, which knows the person's time zone.
import { useSyncExternalStore } from "react";

const pad = (n: number) => String(n).padStart(2, "0");

export function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** null for an empty field; an invalid value is sent as typed so the API names the problem. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

const subscribe = () => () => {};

/** false while rendering on the server and hydrating (whose time zone may differ), true after. */
export function useInBrowser(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
