"use client";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { cn } from "@/lib/utils";

/**
 * A one-line editor inside a node: Enter commits, Escape cancels, leaving commits. `onCommit` returns
 * an error message to keep editing (the text stays), or nothing when accepted.
 */
export function InlineInput({
  initial,
  onCommit,
  onCancel,
  className,
  ariaLabel,
}: {
  initial: string;
  onCommit(value: string): string | undefined | void;
  onCancel(): void;
  className?: string;
  ariaLabel: string;
}) {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  const done = useRef(false);

  // A new node is hidden until React Flow has measured it, and hidden inputs cannot take focus:
  // try again for a few frames.
  useEffect(() => {
    let frame = 0;
    let tries = 0;
    const attempt = () => {
      const input = ref.current;
      if (!input) return;
      input.focus();
      if (document.activeElement === input) input.select();
      else if (tries++ < 20) frame = requestAnimationFrame(attempt);
    };
    attempt();
    return () => cancelAnimationFrame(frame);
  }, []);

  const commit = () => {
    if (done.current) return;
    const problem = onCommit(value);
    if (problem) setError(problem);
    else done.current = true;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    e.stopPropagation();
    if (e.key === "Enter") {
      e.preventDefault();
      commit();
    } else if (e.key === "Escape") {
      e.preventDefault();
      done.current = true;
      onCancel();
    }
  };

  return (
    <span className="relative block">
      <input
        ref={ref}
        value={value}
        aria-label={ariaLabel}
        aria-invalid={error ? true : undefined}
        onChange={(e) => {
          setValue(e.target.value);
          setError(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          if (!done.current) {
            const problem = onCommit(value);
            if (problem) onCancel();
          }
          done.current = true;
        }}
        className={cn(
          "nodrag nopan w-full rounded border border-ring bg-surface px-1 py-0 font-mono text-[12px] outline-none ring-2 ring-ring/20",
          error && "border-danger ring-danger/20",
          className,
        )}
      />
      {error ? (
        <span role="alert" className="absolute left-0 top-full z-10 mt-1 w-64 rounded-md bg-danger px-2 py-1 text-[11px] leading-snug text-white shadow">
          {error}
        </span>
      ) : null}
    </span>
  );
}
