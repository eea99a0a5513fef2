"use client";

import { useRef, useState } from "react";

/**
 * The share link in a read-only field (selected on focus, so Ctrl+C always works) and a Copy
 * button using the clipboard API, which can be missing or refused (no secure context, no permission).
 */
export function CopyLink({ url }: { url: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState("");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setStatus("Link copied.");
    } catch {
      input.current?.focus();
      input.current?.select();
      setStatus("Copying is blocked here: the link is selected, press Ctrl+C (⌘C on a Mac) to copy it.");
    }
  };
  return (
    <div className="stack">
      <label htmlFor="share-link">Share link</label>
      <div className="copy-link">
        <input
          className="wide"
          id="share-link"
          onFocus={(event) => event.currentTarget.select()}
          readOnly
          ref={input}
          value={url}
        />
        <button className="button secondary" onClick={copy} type="button">
          Copy
        </button>
      </div>
      <p aria-live="polite" className="status-message muted small">
        {status}
      </p>
    </div>
  );
}
