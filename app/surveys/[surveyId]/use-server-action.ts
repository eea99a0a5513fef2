"use client";
// Runs a server action from an event handler and keeps its answer: the editor sends JSON-shaped
// input (questions with option lists), not FormData, and its inputs are controlled, so what was
// typed stays on screen whatever the API says (a form action would reset them).
import { useState, useTransition } from "react";
import type { ActionState } from "@/lib/web/api-action";

export function useServerAction<Args extends unknown[], T>(action: (...args: Args) => Promise<ActionState<T>>) {
  const [state, setState] = useState<ActionState<T>>({});
  const [pending, startTransition] = useTransition();
  const run = (...args: Args) =>
    new Promise<ActionState<T>>((resolve) => {
      startTransition(async () => {
        const result = await action(...args);
        setState(result);
        resolve(result);
      });
    });
  return { state, pending, run, reset: () => setState({}) };
}
